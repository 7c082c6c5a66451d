//! Screenshots read from the X server's own framebuffer, not from WebDriver.
//!
//! Where no GPU render node opens, the app turns WebKit's DMA-BUF renderer off (issue 20,
//! `src-tauri/src/renderer.rs`), and WebKit then paints without accelerated compositing.
//! In that mode WebKitWebDriver's screenshot command never answers. Xvfb can keep its
//! screen in a file (`-fbdir`, in the XWD format), so a screenshot is what the person
//! would see on the screen, whichever way WebKit painted it, cut to the app's window.

use std::path::Path;

/// The screen's pixels as 8-bit RGB rows.
#[derive(Debug)]
pub struct Screen {
    pub width: u32,
    pub height: u32,
    rgb: Vec<u8>,
}

/// A rectangle of the screen in pixels (the window's place and size).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rect {
    pub x: u32,
    pub y: u32,
    pub width: u32,
    pub height: u32,
}

/// The file Xvfb keeps screen 0 in when started with `-fbdir DIR`.
pub fn screen_file(fbdir: &Path) -> std::path::PathBuf {
    fbdir.join("Xvfb_screen0")
}

impl Screen {
    /// Reads an XWD image (X Window Dump, as `xwd` writes it and `Xvfb -fbdir` keeps its
    /// screen): a header of big-endian 32-bit fields, the window name, the colour map,
    /// then the pixel rows. Only the true-colour Z-pixmap Xvfb writes at depth 24 is read.
    pub fn from_xwd(bytes: &[u8]) -> Result<Screen, String> {
        let field = |index: usize| -> Result<u32, String> {
            bytes
                .get(index * 4..index * 4 + 4)
                .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
                .ok_or_else(|| format!("the XWD header ends before field {index}"))
        };
        let header_size = field(0)? as usize;
        let (version, format) = (field(1)?, field(2)?);
        if version != 7 || format != 2 {
            return Err(format!("not a version-7 Z-pixmap XWD image (version {version}, format {format})"));
        }
        let (width, height) = (field(4)?, field(5)?);
        let little_endian = field(7)? == 0;
        let bits_per_pixel = field(11)?;
        let bytes_per_line = field(12)? as usize;
        let masks = [field(14)?, field(15)?, field(16)?];
        let colours = field(19)? as usize;
        if bits_per_pixel != 32 {
            return Err(format!("{bits_per_pixel} bits per pixel; only 32 is read"));
        }
        const COLOUR_ENTRY: usize = 12;
        let pixels_at = header_size + colours * COLOUR_ENTRY;
        let pixels_end = pixels_at + bytes_per_line * height as usize;
        let pixels = bytes
            .get(pixels_at..pixels_end)
            .ok_or_else(|| format!("the XWD image holds {} bytes, {pixels_end} needed", bytes.len()))?;
        let mut rgb = Vec::with_capacity(width as usize * height as usize * 3);
        for row in pixels.chunks_exact(bytes_per_line) {
            for pixel in row[..width as usize * 4].chunks_exact(4) {
                let pixel = [pixel[0], pixel[1], pixel[2], pixel[3]];
                let value = if little_endian { u32::from_le_bytes(pixel) } else { u32::from_be_bytes(pixel) };
                rgb.extend(masks.map(|mask| channel(value, mask)));
            }
        }
        Ok(Screen { width, height, rgb })
    }

    /// The part of the screen inside `rect`, cut to the screen's edges.
    pub fn crop(&self, rect: Rect) -> Screen {
        let x0 = rect.x.min(self.width);
        let y0 = rect.y.min(self.height);
        let x1 = rect.x.saturating_add(rect.width).min(self.width);
        let y1 = rect.y.saturating_add(rect.height).min(self.height);
        let mut rgb = Vec::with_capacity(((x1 - x0) * (y1 - y0) * 3) as usize);
        for y in y0..y1 {
            let start = ((y * self.width + x0) * 3) as usize;
            rgb.extend_from_slice(&self.rgb[start..start + ((x1 - x0) * 3) as usize]);
        }
        Screen { width: x1 - x0, height: y1 - y0, rgb }
    }

    pub fn pixel(&self, x: u32, y: u32) -> [u8; 3] {
        let at = ((y * self.width + x) * 3) as usize;
        [self.rgb[at], self.rgb[at + 1], self.rgb[at + 2]]
    }

    pub fn to_png(&self) -> Vec<u8> {
        let mut png = Vec::new();
        let mut encoder = png::Encoder::new(&mut png, self.width, self.height);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().expect("PNG header");
        writer.write_image_data(&self.rgb).expect("PNG data");
        writer.finish().expect("PNG end");
        png
    }
}

/// One colour channel scaled to 8 bits, whatever the width and place of its mask.
fn channel(value: u32, mask: u32) -> u8 {
    if mask == 0 {
        return 0;
    }
    let shifted = (value & mask) >> mask.trailing_zeros();
    let max = mask >> mask.trailing_zeros();
    (u64::from(shifted) * 255 / u64::from(max)) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An XWD image as Xvfb writes it: 100-byte header plus name, 256 colour entries,
    /// little-endian 32-bit pixels, rows padded past the width.
    fn xwd(width: u32, height: u32, pixel: impl Fn(u32, u32) -> u32) -> Vec<u8> {
        let name = b"Xvfb main window\0";
        let header_size = 100 + name.len() as u32;
        let bytes_per_line = width * 4 + 8;
        let fields = [
            header_size,
            7,
            2,
            24,
            width,
            height,
            0,
            0,
            32,
            0,
            32,
            32,
            bytes_per_line,
            4,
            0xff0000,
            0x00ff00,
            0x0000ff,
            8,
            256,
            256,
            width,
            height,
            0,
            0,
            0,
        ];
        let mut out: Vec<u8> = fields.iter().flat_map(|field| field.to_be_bytes()).collect();
        out.extend_from_slice(name);
        out.extend(std::iter::repeat_n(0u8, 256 * 12));
        for y in 0..height {
            for x in 0..width {
                out.extend(pixel(x, y).to_le_bytes());
            }
            out.extend([0xee; 8]);
        }
        out
    }

    #[test]
    fn reads_the_pixels_xvfb_keeps() {
        let image = xwd(3, 2, |x, y| if (x, y) == (2, 1) { 0x00_12_34_56 } else { 0x00_ff_ff_ff });
        let screen = Screen::from_xwd(&image).unwrap();
        assert_eq!((screen.width, screen.height), (3, 2));
        assert_eq!(screen.pixel(2, 1), [0x12, 0x34, 0x56]);
        assert_eq!(screen.pixel(0, 0), [0xff, 0xff, 0xff]);
    }

    #[test]
    fn cuts_the_window_out_and_stops_at_the_screen_edge() {
        let image = xwd(4, 4, |x, y| (x << 16) | (y << 8));
        let screen = Screen::from_xwd(&image).unwrap();
        let window = screen.crop(Rect { x: 2, y: 1, width: 10, height: 2 });
        assert_eq!((window.width, window.height), (2, 2));
        assert_eq!(window.pixel(0, 0), [2, 1, 0]);
        assert_eq!(window.pixel(1, 1), [3, 2, 0]);
        assert!(window.to_png().starts_with(b"\x89PNG\r\n\x1a\n"));
    }

    #[test]
    fn names_what_is_wrong_with_a_file_it_cannot_read() {
        let mut image = xwd(2, 2, |_, _| 0);
        assert!(Screen::from_xwd(&image[..40]).unwrap_err().contains("header ends"));
        image.truncate(image.len() - 1);
        assert!(Screen::from_xwd(&image).unwrap_err().contains("needed"));
        image[4..8].copy_from_slice(&6u32.to_be_bytes());
        assert!(Screen::from_xwd(&image).unwrap_err().contains("version 6"));
    }
}
