//! Reading a file pilint is told to trust (a configuration file, an
//! `extend` target, a participant list, a checked file): only regular
//! files, never more than a limit, and never blocking.
//!
//! A path on the command line or in a configuration file can name
//! anything: a FIFO (opening it blocks until a writer comes, forever in
//! CI), a device (`/dev/zero` yields bytes until memory runs out), a procfs
//! file (`/proc/self/environ` says it holds 0 bytes, then yields the
//! environment). So the path is opened without blocking, the *opened*
//! file's type is checked (the path may have been swapped since it was
//! looked at), and the bytes read must be exactly the size the file
//! declares: a file that yields more or less than its metadata says is not
//! an ordinary file, or changed while read, and is refused.

use std::fs::File;
use std::io::Read;
use std::path::Path;

/// The largest `pilint.toml` (or `extend` target) read: real ones are a
/// few hundred bytes.
pub const MAX_CONFIG_SIZE: u64 = 1024 * 1024;

/// The largest `--participants` list read: a line is under 100 bytes, so
/// this is over a million clinicians, far more than any APM entity has.
pub const MAX_PARTICIPANTS_SIZE: u64 = 128 * 1024 * 1024;

/// The most threads `--threads` accepts: beyond this a run spends its time
/// creating threads, not checking files.
pub const MAX_THREADS: usize = 1024;

/// Why a file was refused.
#[derive(Debug)]
pub enum BoundedError {
    /// Opening or reading failed.
    Io(std::io::Error),
    /// A FIFO, socket, device or directory.
    NotRegular(&'static str),
    /// Larger than the limit (by its metadata, or by what it yielded).
    TooLarge { size: u64, limit: u64 },
    /// The bytes read do not match the size the file declares: a procfs or
    /// sysfs file, or a file that changed while it was read.
    SizeMismatch { declared: u64, read: u64 },
}

impl std::fmt::Display for BoundedError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BoundedError::Io(err) => write!(f, "{err}"),
            BoundedError::NotRegular(kind) => write!(
                f,
                "not a regular file ({kind}); pilint reads only regular files"
            ),
            BoundedError::TooLarge { size, limit } => {
                write!(f, "holds {size} bytes, more than the limit of {limit}")
            }
            BoundedError::SizeMismatch { declared, read } => write!(
                f,
                "declares {declared} bytes but yielded {}{read}: not an ordinary file \
                 (procfs, sysfs) or it changed while read, so it was not used",
                if read > declared { "at least " } else { "" }
            ),
        }
    }
}

/// What kind of non-regular file `file_type` is, for the message.
pub fn kind_of(file_type: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a FIFO";
        }
        if file_type.is_socket() {
            return "a socket";
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return "a device";
        }
    }
    if file_type.is_dir() {
        "a directory"
    } else {
        "not a regular file"
    }
}

/// Opens `path` for reading without ever blocking on it, and checks that
/// what was opened is a regular file of at most `limit` bytes. Returns the
/// file and its declared size.
pub fn open_regular(path: &Path, limit: u64) -> Result<(File, u64), BoundedError> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // A FIFO opens at once instead of waiting for a writer; on a
        // regular file the flag changes nothing.
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(BoundedError::Io)?;
    let meta = file.metadata().map_err(BoundedError::Io)?;
    if !meta.is_file() {
        return Err(BoundedError::NotRegular(kind_of(meta.file_type())));
    }
    let size = meta.len();
    if size > limit {
        return Err(BoundedError::TooLarge { size, limit });
    }
    Ok((file, size))
}

/// Reads all of an opened regular file whose metadata declared `declared`
/// bytes, refusing it if it yields more or fewer (never reading more than
/// one byte past `declared`).
pub fn read_declared(file: impl Read, declared: u64) -> Result<Vec<u8>, BoundedError> {
    let mut bytes = Vec::with_capacity(usize::try_from(declared).unwrap_or(0));
    file.take(declared.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(BoundedError::Io)?;
    let read = bytes.len() as u64;
    if read != declared {
        return Err(BoundedError::SizeMismatch { declared, read });
    }
    Ok(bytes)
}

/// Reads a whole regular file of at most `limit` bytes (see the module
/// documentation for what is refused).
pub fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, BoundedError> {
    let (file, size) = open_regular(path, limit)?;
    read_declared(file, size)
}

/// [`read_regular`] for a text file, which must be UTF-8.
pub fn read_regular_text(path: &Path, limit: u64) -> Result<String, BoundedError> {
    let bytes = read_regular(path, limit)?;
    String::from_utf8(bytes).map_err(|_| {
        BoundedError::Io(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "stream did not contain valid UTF-8",
        ))
    })
}

/// The number of threads to check `inputs` files with when `--threads`
/// asks for `requested`: never more than there are files (an idle thread
/// only costs), never fewer than one, never more than [`MAX_THREADS`].
pub fn thread_count(requested: usize, inputs: usize) -> usize {
    requested.min(inputs).clamp(1, MAX_THREADS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_regular_file_is_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        std::fs::write(&path, "x = 1\n").unwrap();
        assert_eq!(read_regular_text(&path, 100).unwrap(), "x = 1\n");
        assert!(matches!(
            read_regular(&path, 3),
            Err(BoundedError::TooLarge { size: 6, limit: 3 })
        ));
    }

    #[test]
    fn a_directory_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let err = read_regular(dir.path(), 100).unwrap_err();
        assert!(
            matches!(err, BoundedError::NotRegular("a directory"))
                || matches!(err, BoundedError::Io(_))
        );
    }

    #[test]
    fn more_or_fewer_bytes_than_declared_are_refused() {
        assert!(matches!(
            read_declared(&b"secret"[..], 0),
            Err(BoundedError::SizeMismatch {
                declared: 0,
                read: 1
            })
        ));
        assert!(matches!(
            read_declared(&b"ab"[..], 4),
            Err(BoundedError::SizeMismatch {
                declared: 4,
                read: 2
            })
        ));
        assert_eq!(read_declared(&b"ab"[..], 2).unwrap(), b"ab");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn devices_and_procfs_are_refused() {
        assert!(matches!(
            read_regular(Path::new("/dev/zero"), 100),
            Err(BoundedError::NotRegular("a device"))
        ));
        assert!(matches!(
            read_regular(Path::new("/proc/self/environ"), 1 << 20),
            Err(BoundedError::SizeMismatch { declared: 0, .. })
        ));
    }

    #[test]
    fn threads_are_bounded_by_the_inputs_and_the_cap() {
        assert_eq!(thread_count(100_000, 124), 124);
        assert_eq!(thread_count(100_000, 1_000_000), MAX_THREADS);
        assert_eq!(thread_count(0, 10), 1);
        assert_eq!(thread_count(8, 0), 1);
        assert_eq!(thread_count(4, 10), 4);
    }
}
