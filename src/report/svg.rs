//! Inline SVG charts for the HTML report: plain shapes and text, nothing fetched from anywhere.
//! (Inline `<svg>` in HTML needs no `xmlns`, so the page holds no URL at all.)

use crate::text::escape_html as escape;

const BAR_HEIGHT: usize = 22;
const LABEL_WIDTH: usize = 170;
const PLOT_WIDTH: usize = 420;

/// One bar of a horizontal bar chart.
pub(crate) struct Bar {
    pub label: String,
    /// 0..=1 of the plot width.
    pub fraction: f64,
    /// Written after the bar.
    pub value: String,
    pub class: &'static str,
}

/// Horizontal bars, one per row, with a label on the left and the value on the right.
pub(crate) fn bars(title: &str, rows: &[Bar]) -> String {
    let height = rows.len() * BAR_HEIGHT + 8;
    let width = LABEL_WIDTH + PLOT_WIDTH + 70;
    let mut svg = open(title, width, height);
    for (i, row) in rows.iter().enumerate() {
        let y = 4 + i * BAR_HEIGHT;
        let length = (row.fraction.clamp(0.0, 1.0) * PLOT_WIDTH as f64).round();
        svg.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\
             <rect class=\"track\" x=\"{LABEL_WIDTH}\" y=\"{}\" width=\"{PLOT_WIDTH}\" height=\"{}\"/>\
             <rect class=\"{}\" x=\"{LABEL_WIDTH}\" y=\"{}\" width=\"{length}\" height=\"{}\"/>\
             <text x=\"{}\" y=\"{}\">{}</text>",
            LABEL_WIDTH - 6,
            y + 15,
            escape(&clip(&row.label, 26)),
            y + 2,
            BAR_HEIGHT - 6,
            row.class,
            y + 2,
            BAR_HEIGHT - 6,
            LABEL_WIDTH + PLOT_WIDTH + 6,
            y + 15,
            escape(&row.value),
        ));
    }
    svg.push_str("</svg>");
    svg
}

/// Vertical bars of the score distribution, one per tenth of the scale.
pub(crate) fn histogram(bins: &[usize; 10]) -> String {
    let (width, height, base) = (560, 220, 190);
    let most = bins.iter().copied().max().unwrap_or(0).max(1);
    let mut svg = open("Score distribution", width, height);
    for (i, &count) in bins.iter().enumerate() {
        let x = 40 + i * 50;
        let h = (count as f64 / most as f64 * 160.0).round() as usize;
        svg.push_str(&format!(
            "<rect class=\"bar\" x=\"{x}\" y=\"{}\" width=\"42\" height=\"{h}\"/>\
             <text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{count}</text>\
             <text x=\"{}\" y=\"{}\" text-anchor=\"middle\" class=\"axis\">{}</text>",
            base - h,
            x + 21,
            base - h - 4,
            x + 21,
            base + 16,
            if i == 9 {
                "90–100".into()
            } else {
                format!("{}–{}", i * 10, i * 10 + 9)
            },
        ));
    }
    svg.push_str(&format!(
        "<line x1=\"36\" y1=\"{base}\" x2=\"{}\" y2=\"{base}\" class=\"axisline\"/></svg>",
        width - 16
    ));
    svg
}

fn open(title: &str, width: usize, height: usize) -> String {
    format!(
        "<svg role=\"img\" viewBox=\"0 0 {width} {height}\" \
         width=\"{width}\" height=\"{height}\"><title>{}</title>",
        escape(title)
    )
}

/// Long labels end in "…" so that they stay inside their column.
fn clip(text: &str, chars: usize) -> String {
    if text.chars().count() <= chars {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(chars - 1).collect();
        format!("{cut}…")
    }
}
