//! Precompressed copies of the bundle (`.br`, `.gz`) and the size table printed after a build.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};
use flate2::Compression;
use flate2::write::GzEncoder;

pub(crate) struct FileSizes {
    pub(crate) name: String,
    pub(crate) raw: u64,
    pub(crate) gzip: u64,
    pub(crate) brotli: u64,
}

/// Writes `<file>.br` and `<file>.gz` next to each of `files` in `directory`, compressing
/// in parallel (brotli at quality 11 dominates the time).
pub(crate) fn write_compressed(directory: &Path, files: &[&str]) -> Result<Vec<FileSizes>> {
    let contents = files
        .iter()
        .map(|name| {
            let path = directory.join(name);
            std::fs::read(&path).with_context(|| format!("reading {}", path.display()))
        })
        .collect::<Result<Vec<_>>>()?;
    std::thread::scope(|scope| {
        let jobs: Vec<_> = files
            .iter()
            .zip(&contents)
            .map(|(name, data)| {
                let brotli = scope.spawn(|| brotli(data));
                let gzip = scope.spawn(|| gzip(data));
                (name, data, brotli, gzip)
            })
            .collect();
        let mut sizes = Vec::with_capacity(files.len());
        for (name, data, brotli, gzip) in jobs {
            let brotli = brotli
                .join()
                .map_err(|_| anyhow::anyhow!("brotli of {name} panicked"))??;
            let gzip = gzip
                .join()
                .map_err(|_| anyhow::anyhow!("gzip of {name} panicked"))??;
            for (extension, compressed) in [("br", &brotli), ("gz", &gzip)] {
                let path = directory.join(format!("{name}.{extension}"));
                std::fs::write(&path, compressed)
                    .with_context(|| format!("writing {}", path.display()))?;
            }
            sizes.push(FileSizes {
                name: (*name).to_owned(),
                raw: byte_count(data),
                gzip: byte_count(&gzip),
                brotli: byte_count(&brotli),
            });
        }
        Ok(sizes)
    })
}

/// The sizes of `data` as it is and compressed as `write_compressed` does.
pub(crate) fn measure(name: &str, data: &[u8]) -> Result<FileSizes> {
    Ok(FileSizes {
        name: name.to_owned(),
        raw: byte_count(data),
        gzip: byte_count(&gzip(data)?),
        brotli: byte_count(&brotli(data)?),
    })
}

/// Brotli at the highest quality with the largest window that browsers decode (2^24);
/// brotli's "large window" extension goes further but `Content-Encoding: br` cannot use it.
fn brotli(data: &[u8]) -> Result<Vec<u8>> {
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 24,
        size_hint: data.len(),
        ..Default::default()
    };
    let mut output = Vec::with_capacity(data.len() / 3);
    brotli::BrotliCompress(&mut &data[..], &mut output, &params)
        .context("brotli compression failed")?;
    Ok(output)
}

fn gzip(data: &[u8]) -> Result<Vec<u8>> {
    let mut encoder = GzEncoder::new(Vec::with_capacity(data.len() / 3), Compression::best());
    encoder.write_all(data).context("gzip compression failed")?;
    encoder.finish().context("gzip compression failed")
}

fn byte_count(data: &[u8]) -> u64 {
    u64::try_from(data.len()).unwrap_or(u64::MAX)
}

pub(crate) fn print_table(sizes: &[FileSizes]) {
    let width = sizes
        .iter()
        .map(|file| file.name.len())
        .max()
        .unwrap_or(0)
        .max("total".len());
    println!(
        "\n  {:<width$}  {:>10}  {:>10}  {:>10}",
        "file", "raw", "gzip", "brotli"
    );
    for file in sizes {
        println!(
            "  {:<width$}  {:>10}  {:>10}  {:>10}",
            file.name,
            human_bytes(file.raw),
            human_bytes(file.gzip),
            human_bytes(file.brotli)
        );
    }
    let sum = |size: fn(&FileSizes) -> u64| sizes.iter().map(size).sum::<u64>();
    println!(
        "  {:<width$}  {:>10}  {:>10}  {:>10}",
        "total",
        human_bytes(sum(|file| file.raw)),
        human_bytes(sum(|file| file.gzip)),
        human_bytes(sum(|file| file.brotli))
    );
    println!(
        "\n  A browser downloads {} (brotli).",
        human_bytes(sum(|file| file.brotli))
    );
}

/// `999 B`, `123.4 KiB`, `1.2 MiB`.
pub(crate) fn human_bytes(bytes: u64) -> String {
    const KIB: u64 = 1024;
    const MIB: u64 = 1024 * KIB;
    // Tenths, rounded half up, in integer arithmetic.
    let tenths = |unit: u64| (bytes * 10 + unit / 2) / unit;
    if bytes < KIB {
        format!("{bytes} B")
    } else if tenths(KIB) < 10 * KIB {
        let tenths = tenths(KIB);
        format!("{}.{} KiB", tenths / 10, tenths % 10)
    } else {
        let tenths = tenths(MIB);
        format!("{}.{} MiB", tenths / 10, tenths % 10)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_sizes() {
        assert_eq!(human_bytes(0), "0 B");
        assert_eq!(human_bytes(1023), "1023 B");
        assert_eq!(human_bytes(1024), "1.0 KiB");
        assert_eq!(human_bytes(126_362), "123.4 KiB");
        assert_eq!(human_bytes(1_048_524), "1023.9 KiB");
        // Would round to "1024.0 KiB": shown as MiB instead.
        assert_eq!(human_bytes(1_048_575), "1.0 MiB");
        assert_eq!(human_bytes(1_258_291), "1.2 MiB");
    }

    #[test]
    fn compressed_copies_round_trip() {
        let data = "custom elements compress well; ".repeat(2_000).into_bytes();
        let compressed = brotli(&data).unwrap();
        let mut decompressed = Vec::new();
        brotli::BrotliDecompress(&mut &compressed[..], &mut decompressed).unwrap();
        assert_eq!(decompressed, data);
        assert!(compressed.len() < data.len() / 20);

        let compressed = gzip(&data).unwrap();
        let mut decompressed = Vec::new();
        std::io::Read::read_to_end(
            &mut flate2::read::GzDecoder::new(&compressed[..]),
            &mut decompressed,
        )
        .unwrap();
        assert_eq!(decompressed, data);
    }
}
