//! Short jobs of system calls (walking directories, resolving them) spread
//! over a few threads of their own, before the thread pool that checks
//! files is set up (`--threads` sizes that pool once the inputs are known).

use std::sync::atomic::{AtomicUsize, Ordering};

/// `job` applied to each of `items` on up to `threads` threads, each taking
/// the next item as it is done; the results in the order of `items`. A
/// panic in a job is raised again here.
pub fn map_in_order<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    job: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let threads = threads.min(items.len()).max(1);
    let (next, job) = (&next, &job);
    let mut done: Vec<(usize, R)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(move || {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else {
                            break;
                        };
                        mine.push((i, job(item)));
                    }
                    mine
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| {
                worker
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, result)| result).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_the_order_of_the_items() {
        let items: Vec<u64> = (0..500).collect();
        for threads in [0, 1, 2, 7] {
            let squares = map_in_order(&items, threads, |n| {
                // Uneven work, so the threads finish out of order.
                if n % 7 == 0 {
                    std::thread::yield_now();
                }
                n * n
            });
            assert_eq!(squares, items.iter().map(|n| n * n).collect::<Vec<_>>());
        }
    }

    #[test]
    fn a_panicking_job_panics_the_caller() {
        let items = [1, 2, 3];
        let outcome = std::panic::catch_unwind(|| {
            map_in_order(&items, 2, |&n| assert_ne!(n, 2, "deliberate test panic"))
        });
        assert!(outcome.is_err());
    }
}
