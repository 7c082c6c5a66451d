// Messages of the sync folder (Pengaturan → Sinkronisasi): a folder another program
// (Syncthing, a shared network folder, OneDrive, a USB stick) keeps in step between
// laptops; IKP Desk writes this laptop's file there and reads the others'.

import type { SyncFolderProblem } from '../../bindings';

export const id = {
  syncFolder: {
    title: 'Folder sinkronisasi',
    intro:
      'Pilih folder yang diselaraskan ke laptop lain oleh program lain (Syncthing, folder bersama di jaringan Setda, OneDrive, atau flashdisk). IKP Desk menulis berkas laptop ini ke sana setiap ada perubahan dan membaca berkas laptop lain secara otomatis, tanpa impor manual. Berlaku di laptop ini saja.',
    none: 'Belum ada folder sinkronisasi. Pertukaran data dilakukan dengan berkas di halaman Sinkronisasi.',
    folder: 'Folder',
    choose: 'Pilih folder…',
    change: 'Ganti folder…',
    now: 'Sinkronkan sekarang',
    forget: 'Berhenti memakai folder ini',
    asked: 'Folder akan diperiksa dalam beberapa detik.',
    watching: 'Dipantau: berkas dari laptop lain dibaca begitu selesai disalin.',
    lastLook: (at: string) => `Terakhir bekerja: ${at}`,
    missing: 'Folder tidak ditemukan (flashdisk dicabut atau jaringan terputus). Pemantauan berlanjut begitu folder ada lagi.',
    wrote: (events: number) => `Berkas laptop ini ditulis ulang (${events} catatan).`,
    imported: (files: number, events: number) => `${files} berkas dari laptop lain dibaca, ${events} catatan baru.`,
    waiting: (files: number) => `${files} berkas masih disalin; dibaca setelah selesai.`,
    quarantined: (names: string) =>
      `Berkas dari laptop yang tidak terdaftar tidak dibuka: ${names}. Periksa asal berkas itu.`,
    refused: (file: string, reason: string) => `Berkas ${file} ditolak seluruhnya: ${reason}`,
    interrupted: (names: string) =>
      `IKP Desk dua kali tertutup saat membaca berkas ${names}. Berkas itu tidak dibaca lagi sampai laptop pengirimnya menulisnya ulang. Simpan diagnostik (Tentang IKP Desk) dan serahkan ke petugas TI.`,
    failed: (reason: string) => `Folder belum dapat dipakai: ${reason}`,
    problems: {
      notAbsolute: (path: string) => `“${path}” bukan alamat folder yang lengkap.`,
      notFound: (path: string) => `Folder “${path}” tidak ditemukan.`,
      notAFolder: (path: string) => `“${path}” bukan folder.`,
      notWritable: (path: string) =>
        `Laptop ini tidak dapat menulis ke folder “${path}” (hanya-baca atau tanpa izin). Pilih folder lain.`,
      overlapsDataFolder: (path: string) =>
        `Folder “${path}” bertumpang tindih dengan folder data IKP Desk sendiri; basis data tidak boleh ikut diselaraskan. Pilih folder lain.`,
    } satisfies Record<SyncFolderProblem, (path: string) => string>,
  },
};

export const en: typeof id = {
  syncFolder: {
    title: 'Sync folder',
    intro:
      "Choose a folder that another program keeps in step with other laptops (Syncthing, a shared folder on the Setda network, OneDrive, or a USB stick). IKP Desk writes this laptop's file there after every change and reads the other laptops' files by itself, with no manual import. It applies to this laptop only.",
    none: 'No sync folder yet. Data travels by files on the Synchronisation page.',
    folder: 'Folder',
    choose: 'Choose folder…',
    change: 'Change folder…',
    now: 'Synchronise now',
    forget: 'Stop using this folder',
    asked: 'The folder will be looked at within a few seconds.',
    watching: "Watched: other laptops' files are read as soon as they are completely copied.",
    lastLook: (at) => `Last worked: ${at}`,
    missing: 'The folder is not there (USB stick removed or network down). Watching resumes as soon as it is back.',
    wrote: (events) => `This laptop's file was rewritten (${events} records).`,
    imported: (files, events) => `${files} file(s) from other laptops read, ${events} new records.`,
    waiting: (files) => `${files} file(s) still being copied; read once complete.`,
    quarantined: (names) => `Files from laptops that are not enrolled were not opened: ${names}. Check where they came from.`,
    refused: (file, reason) => `File ${file} was refused whole: ${reason}`,
    interrupted: (names) =>
      `IKP Desk closed twice while reading ${names}. That file is not read again until its sender's laptop writes it anew. Save the diagnostics (About IKP Desk) and give them to the IT officer.`,
    failed: (reason) => `The folder cannot be used yet: ${reason}`,
    problems: {
      notAbsolute: (path) => `“${path}” is not a full folder path.`,
      notFound: (path) => `The folder “${path}” does not exist.`,
      notAFolder: (path) => `“${path}” is not a folder.`,
      notWritable: (path) => `This laptop cannot write into “${path}” (read-only or no permission). Choose another folder.`,
      overlapsDataFolder: (path) =>
        `The folder “${path}” overlaps IKP Desk's own data folder; the database must not be synchronised. Choose another folder.`,
    },
  },
};
