//! The one font family both files use, embedded so every laptop renders alike offline:
//! Liberation Serif (SIL OFL, `fonts/LICENSE-OFL.txt`), metric-compatible with the
//! Times New Roman the DOCX names.

pub(crate) const FONTS: [&[u8]; 3] = [
    include_bytes!("../fonts/LiberationSerif-Regular.ttf"),
    include_bytes!("../fonts/LiberationSerif-Bold.ttf"),
    include_bytes!("../fonts/LiberationSerif-Italic.ttf"),
];
