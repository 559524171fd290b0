//! Renderers: findings -> what a person or a program reads.

pub mod csv;
pub mod diff;
pub mod human;
pub mod json;
mod place;
pub mod redact;
pub mod short;
pub mod statistics;

use miette::{GraphicalReportHandler, GraphicalTheme};

use crate::diagnostic::Clipped;
pub use place::PlaceInFile;

/// How human output looks: colour or not, and the width to wrap at.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
    pub width: usize,
}

impl Style {
    /// Plain text at a fixed width: for tests, pipes and NO_COLOR.
    pub fn plain(width: usize) -> Style {
        Style {
            color: false,
            width,
        }
    }

    /// Colour when stderr/stdout is a terminal and NO_COLOR is not set (<https://no-color.org>).
    pub fn detect() -> Style {
        use std::io::IsTerminal;
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let color = !no_color && std::io::stdout().is_terminal();
        let width = terminal_width().unwrap_or(100);
        Style { color, width }
    }

    pub fn handler(&self) -> GraphicalReportHandler {
        let theme = if self.color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        GraphicalReportHandler::new_themed(theme)
            .with_width(self.width)
            .with_links(false)
            .with_context_lines(1)
            .with_show_related_as_nested(true)
    }
}

fn terminal_width() -> Option<usize> {
    std::env::var("COLUMNS").ok()?.parse().ok()
}

/// Renders any diagnostic with the given style.
///
/// A source line longer than [`LONG_LINE`](crate::diagnostic::LONG_LINE) characters is shown
/// cut to the [`CONTEXT_CHARS`](crate::diagnostic::CONTEXT_CHARS) characters on each side of the
/// labels (see [`Clipped`]), so that a diagnostic on a huge line (a minified JSON profile, a
/// generated rule file) stays a few lines long.
pub fn render_diagnostic(diag: &dyn miette::Diagnostic, style: Style) -> String {
    let mut out = String::new();
    let _ = style.handler().render_report(&mut out, &Clipped::new(diag));
    out
}

/// [`render_diagnostic`] for a diagnostic about a profile that is a part of a file (a record of
/// a JSON Lines file): its snippet is named and numbered as the lines of that file.
pub fn render_diagnostic_in_file(
    diag: &dyn miette::Diagnostic,
    style: Style,
    place: Option<&PlaceInFile>,
) -> String {
    let clipped = Clipped::new(diag);
    let mut out = String::new();
    // Shifted after clipping: the clipped view of a long line numbers its lines itself.
    let _ = match place.and_then(|place| place.around(&clipped)) {
        Some(placed) => style.handler().render_report(&mut out, &placed),
        None => style.handler().render_report(&mut out, &clipped),
    };
    out
}
