//! The progress bar of a long `realname check` batch, on stderr, only when stderr is a
//! terminal: a pipe or a log file gets no bar. It stays hidden until the batch has gone past
//! 200 profiles or 2 seconds, so a short batch never flashes one.
//! Without the `cli` feature (no indicatif) there is no bar.

#[cfg(feature = "cli")]
pub use with_bar::Progress;
#[cfg(not(feature = "cli"))]
pub use without_bar::Progress;

#[cfg(feature = "cli")]
mod with_bar {
    use std::cell::Cell;
    use std::io::IsTerminal;
    use std::time::{Duration, Instant};

    use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

    /// A batch longer than this many profiles shows the bar.
    pub const SHOW_AFTER_PROFILES: u64 = 200;
    /// A batch that takes longer than this shows the bar.
    pub const SHOW_AFTER: Duration = Duration::from_secs(2);

    pub struct Progress {
        /// `None` when stderr is not a terminal.
        bar: Option<ProgressBar>,
        started: Instant,
        shown: Cell<bool>,
    }

    impl Progress {
        /// A bar for a batch of `total` profiles (or an unknown number), hidden for now.
        pub fn new(total: Option<usize>) -> Progress {
            let bar = std::io::stderr().is_terminal().then(|| {
                let (bar, template) = match total {
                    Some(n) => (
                        ProgressBar::with_draw_target(Some(n as u64), ProgressDrawTarget::hidden()),
                        "{bar:40} {pos}/{len} profiles, {per_sec}, {eta} left",
                    ),
                    None => (
                        ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden()),
                        "{spinner} {pos} profiles, {per_sec}",
                    ),
                };
                if let Ok(style) = ProgressStyle::with_template(template) {
                    bar.set_style(style);
                }
                bar
            });
            Progress {
                bar,
                started: Instant::now(),
                shown: Cell::new(false),
            }
        }

        /// One more profile done.
        pub fn tick(&self) {
            let Some(bar) = &self.bar else { return };
            bar.inc(1);
            if !self.shown.get()
                && (bar.position() > SHOW_AFTER_PROFILES || self.started.elapsed() > SHOW_AFTER)
            {
                self.shown.set(true);
                bar.set_draw_target(ProgressDrawTarget::stderr());
            }
        }

        /// Runs `write` with the bar out of the way, so that output does not mix with it.
        pub fn suspend<R>(&self, write: impl FnOnce() -> R) -> R {
            match &self.bar {
                Some(bar) if self.shown.get() => bar.suspend(write),
                _ => write(),
            }
        }

        pub fn finish(&self) {
            if let Some(bar) = &self.bar {
                bar.finish_and_clear();
            }
        }
    }
}

#[cfg(not(feature = "cli"))]
mod without_bar {
    pub struct Progress;

    impl Progress {
        pub fn new(_total: Option<usize>) -> Progress {
            Progress
        }

        pub fn tick(&self) {}

        pub fn suspend<R>(&self, write: impl FnOnce() -> R) -> R {
            write()
        }

        pub fn finish(&self) {}
    }
}
