//! Work on several threads, results in input order, memory bounded: at most `window` items are
//! between being taken from the input and being handed to `emit` (queued, in work, or waiting
//! in the reorder buffer for an earlier one), whatever the length of the input.

use std::collections::BTreeMap;
use std::panic::{self, AssertUnwindSafe};
use std::sync::mpsc;
use std::sync::Mutex;

/// Calls `work` on every item on `workers` threads and `emit` on each result, in the order of
/// the items, on the calling thread. With one worker everything runs on the calling thread.
/// A panic in `work` is raised again on the calling thread.
pub fn ordered_map<T, R>(
    items: impl Iterator<Item = T>,
    workers: usize,
    window: usize,
    work: impl Fn(T) -> R + Sync,
    mut emit: impl FnMut(R),
) where
    T: Send,
    R: Send,
{
    if workers <= 1 {
        items.for_each(|item| emit(work(item)));
        return;
    }
    let window = window.max(workers);
    let (job_tx, job_rx) = mpsc::channel::<(usize, T)>();
    let (result_tx, result_rx) = mpsc::channel::<(usize, std::thread::Result<R>)>();
    // std's receiver has one owner; the workers take turns at it.
    let job_rx = Mutex::new(job_rx);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let result_tx = result_tx.clone();
            let (job_rx, work) = (&job_rx, &work);
            scope.spawn(move || loop {
                let next = job_rx.lock().map(|rx| rx.recv());
                let Ok(Ok((seq, item))) = next else { break };
                let result = panic::catch_unwind(AssertUnwindSafe(|| work(item)));
                if result_tx.send((seq, result)).is_err() {
                    break;
                }
            });
        }
        drop(result_tx);
        let mut items = items.enumerate();
        let mut waiting: BTreeMap<usize, R> = BTreeMap::new();
        let (mut next_out, mut in_flight) = (0usize, 0usize);
        loop {
            while in_flight < window {
                let Some(job) = items.next() else { break };
                if job_tx.send(job).is_err() {
                    break;
                }
                in_flight += 1;
            }
            if in_flight == 0 {
                break;
            }
            let Ok((seq, result)) = result_rx.recv() else {
                break;
            };
            match result {
                Ok(result) => {
                    waiting.insert(seq, result);
                }
                Err(payload) => {
                    drop(job_tx);
                    panic::resume_unwind(payload);
                }
            }
            while let Some(result) = waiting.remove(&next_out) {
                emit(result);
                next_out += 1;
                in_flight -= 1;
            }
        }
        // Closing the queue lets the workers finish.
        drop(job_tx);
    });
}
