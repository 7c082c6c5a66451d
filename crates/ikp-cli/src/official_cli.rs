//! `ikp official ...` and `ikp letterhead`: the regency's leadership and its kop surat.

use clap::{Args, Subcommand, ValueEnum};
use ikp_core::letterhead::{LetterheadSet, MinutesTitle};
use ikp_core::officials::{AppointmentInput, Designation, OfficialPost, Officials};
use ikp_core::{CoreError, Desk};

use crate::print;

#[derive(Subcommand)]
pub enum OfficialCommand {
    /// Who holds each post today, and every appointment.
    List,
    /// Record an appointment (Regent, Sekda, Wakil Bupati or the Setda operator).
    Set(SetArgs),
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Post {
    Bupati,
    WakilBupati,
    Sekda,
    Asisten1,
    Asisten2,
    Asisten3,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Held {
    Definitif,
    Pj,
    Plt,
}

#[derive(Args)]
pub struct SetArgs {
    #[arg(value_enum)]
    post: Post,
    #[arg(long)]
    name: String,
    #[arg(long, default_value = "")]
    nip: String,
    /// Pangkat/golongan.
    #[arg(long, default_value = "")]
    rank: String,
    /// From when the post is held (YYYY-MM-DD).
    #[arg(long)]
    since: String,
    /// How the Bupati post is held.
    #[arg(long, value_enum, default_value = "definitif")]
    held: Held,
}

#[derive(Args)]
pub struct LetterheadArgs {
    /// Change the letterhead; without options it is shown.
    #[arg(long)]
    address: Option<String>,
    #[arg(long, default_value = "")]
    telephone: String,
    #[arg(long, default_value = "")]
    website: String,
    #[arg(long, default_value = "")]
    email: String,
    /// The city before the date of a signature, e.g. "Cikarang".
    #[arg(long, default_value = "")]
    signature_city: String,
    /// Print decisions of the Sekda or the Wakil Bupati "a.n. Bupati".
    #[arg(long)]
    sign_on_behalf: bool,
    /// What the regency's tata naskah dinas calls the minutes.
    #[arg(long, value_enum, default_value = "notulen")]
    minutes_title: TitleWord,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum TitleWord {
    Notulen,
    Notula,
}

pub fn run(desk: &mut Desk, json: bool, command: &OfficialCommand) -> Result<(), CoreError> {
    let officials = match command {
        OfficialCommand::List => desk.settings().officials()?,
        OfficialCommand::Set(args) => desk.settings().appoint_official(AppointmentInput {
            post: match args.post {
                Post::Bupati => OfficialPost::Regent,
                Post::WakilBupati => OfficialPost::ViceRegent,
                Post::Sekda => OfficialPost::Secretary,
                Post::Asisten1 => OfficialPost::AssistantOne,
                Post::Asisten2 => OfficialPost::AssistantTwo,
                Post::Asisten3 => OfficialPost::AssistantThree,
            },
            designation: match args.held {
                Held::Definitif => Designation::Definitive,
                Held::Pj => Designation::Acting,
                Held::Plt => Designation::Caretaker,
            },
            name: args.name.clone(),
            nip: args.nip.clone(),
            rank: args.rank.clone(),
            since: args.since.clone(),
        })?,
    };
    show(json, &officials);
    Ok(())
}

fn show(json: bool, officials: &Officials) {
    print(json, officials, || {
        officials
            .current
            .iter()
            .map(|official| {
                format!("{:<45} {} (sejak {}) {}", official.title, official.name, official.since, official.nip)
            })
            .collect::<Vec<_>>()
            .join("\n")
    });
}

pub fn letterhead(desk: &mut Desk, json: bool, args: &LetterheadArgs) -> Result<(), CoreError> {
    let letterhead = match &args.address {
        Some(address) => Some(desk.settings().set_letterhead(LetterheadSet {
            address: address.clone(),
            telephone: args.telephone.clone(),
            website: args.website.clone(),
            email: args.email.clone(),
            signature_city: args.signature_city.clone(),
            sign_on_behalf: args.sign_on_behalf,
            minutes_title: match args.minutes_title {
                TitleWord::Notulen => MinutesTitle::Notulen,
                TitleWord::Notula => MinutesTitle::Notula,
            },
        })?),
        None => desk.settings().letterhead()?,
    };
    print(json, &letterhead, || match &letterhead {
        Some(kop) => format!("{}\n{}, <tanggal>", kop.contact_line(), kop.signature_city),
        None => "no letterhead set".into(),
    });
    Ok(())
}
