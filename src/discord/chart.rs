//! The picture `/progress` attaches: a trainee's debate scores over time as
//! a PNG line chart. No fonts are available to the bitmap backend, so the
//! chart has no text (grid lines every 20 points, the best debate in gold);
//! the numbers go in the embed next to it.

use plotters::prelude::*;

/// Width of the chart `/progress` sends, in pixels.
pub const WIDTH: u32 = 800;
/// Height of the chart `/progress` sends, in pixels.
pub const HEIGHT: u32 = 360;

/// Pixels kept free around the plot.
const MARGIN: u32 = 24;
const GRID: RGBColor = RGBColor(0xDD, 0xE1, 0xE6);
const AXIS: RGBColor = RGBColor(0x5C, 0x63, 0x6E);
const LINE: RGBColor = RGBColor(0x2D, 0x6C, 0xDF);
const BEST: RGBColor = RGBColor(0xF1, 0xC4, 0x0F);

/// Why a chart could not be drawn.
#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    /// There is nothing to draw.
    #[error("no score to draw")]
    NoScores,
    /// The picture is too small to hold the plot.
    #[error("a chart needs at least {min}x{min} pixels, got {width}x{height}")]
    TooSmall {
        /// Requested width.
        width: u32,
        /// Requested height.
        height: u32,
        /// The smallest side accepted.
        min: u32,
    },
    /// Drawing failed.
    #[error("drawing the chart failed: {0}")]
    Draw(String),
    /// Encoding the PNG failed.
    #[error("encoding the chart failed: {0}")]
    Encode(#[from] png::EncodingError),
}

/// A PNG of `scores` (0 to 100, oldest first) as a line over evenly spaced
/// debates, `width` x `height` pixels.
pub fn scores_png(scores: &[f32], width: u32, height: u32) -> Result<Vec<u8>, ChartError> {
    if scores.is_empty() {
        return Err(ChartError::NoScores);
    }
    let min = MARGIN * 4;
    if width < min || height < min {
        return Err(ChartError::TooSmall { width, height, min });
    }
    let mut pixels = vec![0u8; width as usize * height as usize * 3];
    draw(scores, &mut pixels, (width, height)).map_err(|e| ChartError::Draw(e.to_string()))?;
    encode(&pixels, width, height)
}

fn draw(
    scores: &[f32],
    pixels: &mut [u8],
    size: (u32, u32),
) -> Result<(), Box<dyn std::error::Error>> {
    let root = BitMapBackend::with_buffer(pixels, size).into_drawing_area();
    root.fill(&WHITE)?;
    let last = scores.len() as f32 - 1.0;
    let (left, right) = (-0.5, last + 0.5);
    let mut chart = ChartBuilder::on(&root)
        .margin(MARGIN)
        .build_cartesian_2d(left..right, -2f32..102f32)?;
    for y in (0..=100).step_by(20) {
        let y = y as f32;
        let colour = if y == 0.0 { AXIS } else { GRID };
        chart.draw_series(LineSeries::new(
            [(left, y), (right, y)],
            colour.stroke_width(2),
        ))?;
    }
    chart.draw_series(LineSeries::new(
        [(left, -2.0), (left, 102.0)],
        AXIS.stroke_width(2),
    ))?;
    let points: Vec<(f32, f32)> = scores
        .iter()
        .enumerate()
        .map(|(i, s)| (i as f32, s.clamp(0.0, 100.0)))
        .collect();
    chart.draw_series(LineSeries::new(
        points.iter().copied(),
        LINE.stroke_width(3),
    ))?;
    let best = points.iter().map(|p| p.1).fold(f32::MIN, f32::max);
    chart.draw_series(points.iter().map(|&p| {
        let colour = if p.1 == best { BEST } else { LINE };
        Circle::new(p, 6, colour.filled())
    }))?;
    root.present()?;
    Ok(())
}

fn encode(pixels: &[u8], width: u32, height: u32) -> Result<Vec<u8>, ChartError> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Best);
    let mut writer = encoder.write_header()?;
    writer.write_image_data(pixels)?;
    writer.finish()?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Decodes a PNG into its size and RGB pixels.
    fn decode(bytes: &[u8]) -> (u32, u32, Vec<u8>) {
        let decoder = png::Decoder::new(bytes);
        let mut reader = decoder.read_info().expect("a valid PNG header");
        let mut buf = vec![0; reader.output_buffer_size()];
        let info = reader.next_frame(&mut buf).expect("a valid PNG frame");
        assert_eq!(info.color_type, png::ColorType::Rgb);
        buf.truncate(info.buffer_size());
        (info.width, info.height, buf)
    }

    fn pixel(pixels: &[u8], width: u32, x: u32, y: u32) -> [u8; 3] {
        let i = (y * width + x) as usize * 3;
        [pixels[i], pixels[i + 1], pixels[i + 2]]
    }

    #[test]
    fn draws_a_valid_png_of_the_requested_size() {
        let png = scores_png(&[35.0, 52.0, 48.0, 71.0], WIDTH, HEIGHT).unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        let (w, h, pixels) = decode(&png);
        assert_eq!((w, h), (WIDTH, HEIGHT));
        assert_eq!(pixel(&pixels, w, 1, 1), [255, 255, 255], "white background");
        let count = |c: RGBColor| pixels.chunks(3).filter(|p| p == &[c.0, c.1, c.2]).count();
        assert!(count(LINE) > 500, "the score line is drawn");
        assert!(count(BEST) > 50, "the best debate is marked");
    }

    #[test]
    fn higher_scores_are_drawn_higher() {
        // One point per chart, at x = 0, the middle of the plot.
        let top_of_line = |score: f32| {
            let (w, h, pixels) = decode(&scores_png(&[score], 200, 200).unwrap());
            (0..h)
                .find(|&y| pixel(&pixels, w, w / 2, y) == [BEST.0, BEST.1, BEST.2])
                .expect("the point is drawn")
        };
        assert!(top_of_line(90.0) < top_of_line(50.0));
        assert!(top_of_line(50.0) < top_of_line(10.0));
    }

    #[test]
    fn refuses_what_it_cannot_draw() {
        assert!(matches!(
            scores_png(&[], 800, 360),
            Err(ChartError::NoScores)
        ));
        assert!(matches!(
            scores_png(&[50.0], 10, 360),
            Err(ChartError::TooSmall { .. })
        ));
        // Out-of-range scores are clamped, not an error.
        assert!(scores_png(&[-20.0, 140.0], 300, 200).is_ok());
    }
}
