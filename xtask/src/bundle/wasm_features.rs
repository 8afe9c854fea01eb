//! The WebAssembly features rustc compiled with, read from the module's
//! `target_features` section, as `wasm-opt --enable-…` flags: wasm-opt must accept
//! everything rustc emitted, and may use nothing more.

use anyhow::{Context, Result, bail};

/// LLVM's feature names (as in `target_features`) and binaryen's flag for each.
const BINARYEN_FLAGS: [(&str, &str); 19] = [
    ("atomics", "--enable-threads"),
    ("bulk-memory", "--enable-bulk-memory"),
    ("bulk-memory-opt", "--enable-bulk-memory-opt"),
    ("call-indirect-overlong", "--enable-call-indirect-overlong"),
    ("exception-handling", "--enable-exception-handling"),
    ("extended-const", "--enable-extended-const"),
    ("fp16", "--enable-fp16"),
    ("gc", "--enable-gc"),
    ("memory64", "--enable-memory64"),
    ("multimemory", "--enable-multimemory"),
    ("multivalue", "--enable-multivalue"),
    ("mutable-globals", "--enable-mutable-globals"),
    ("nontrapping-fptoint", "--enable-nontrapping-float-to-int"),
    ("reference-types", "--enable-reference-types"),
    ("relaxed-simd", "--enable-relaxed-simd"),
    ("sign-ext", "--enable-sign-ext"),
    ("simd128", "--enable-simd"),
    ("tail-call", "--enable-tail-call"),
    ("wide-arithmetic", "--enable-wide-arithmetic"),
];

/// `--enable-…` flags for every feature the module's `target_features` section marks as
/// used (`+`) or required (`=`). Fails when the section is missing (e.g. `strip = true`)
/// or names a feature this list does not know, rather than guess.
pub(crate) fn binaryen_flags(wasm: &[u8]) -> Result<Vec<&'static str>> {
    let features = target_features(wasm)?.context(
        "the compiled wasm has no `target_features` section, so the features to give wasm-opt \
         are unknown; do not strip the wasm-release profile (`strip = true`)",
    )?;
    features
        .iter()
        .map(|feature| {
            BINARYEN_FLAGS
                .iter()
                .find(|(name, _)| name == feature)
                .map(|(_, flag)| *flag)
                .with_context(|| {
                    format!("rustc emitted wasm feature `{feature}`, unknown to xtask")
                })
        })
        .collect()
}

/// Names of the enabled features, or `None` when the module has no such section.
fn target_features(wasm: &[u8]) -> Result<Option<Vec<String>>> {
    let mut reader = Reader {
        bytes: wasm,
        position: 0,
    };
    if reader.take(8)? != b"\0asm\x01\0\0\0" {
        bail!("not a WebAssembly 1.0 module");
    }
    while reader.position < wasm.len() {
        let id = reader.byte()?;
        let size = reader.leb128()?;
        let section = reader.take(size)?;
        if id != 0 {
            continue;
        }
        let mut section = Reader {
            bytes: section,
            position: 0,
        };
        if section.name()? != "target_features" {
            continue;
        }
        let count = section.leb128()?;
        let mut features = Vec::with_capacity(count);
        for _ in 0..count {
            let prefix = section.byte()?;
            let name = section.name()?;
            match prefix {
                b'+' | b'=' => features.push(name.to_owned()),
                b'-' => {}
                other => bail!("bad target_features prefix {other:#x} for `{name}`"),
            }
        }
        return Ok(Some(features));
    }
    Ok(None)
}

struct Reader<'a> {
    bytes: &'a [u8],
    position: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, length: usize) -> Result<&'a [u8]> {
        let end = self
            .position
            .checked_add(length)
            .filter(|end| *end <= self.bytes.len());
        let end = end.context("truncated WebAssembly module")?;
        let taken = &self.bytes[self.position..end];
        self.position = end;
        Ok(taken)
    }

    fn byte(&mut self) -> Result<u8> {
        Ok(self.take(1)?[0])
    }

    fn leb128(&mut self) -> Result<usize> {
        let mut value: u64 = 0;
        for shift in (0..35).step_by(7) {
            let byte = self.byte()?;
            value |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return usize::try_from(value).context("LEB128 value too large");
            }
        }
        bail!("LEB128 value longer than 5 bytes")
    }

    fn name(&mut self) -> Result<&'a str> {
        let length = self.leb128()?;
        std::str::from_utf8(self.take(length)?).context("name is not UTF-8")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn custom_section(name: &str, payload: &[u8]) -> Vec<u8> {
        let mut content = vec![u8::try_from(name.len()).unwrap()];
        content.extend_from_slice(name.as_bytes());
        content.extend_from_slice(payload);
        let mut section = vec![0, u8::try_from(content.len()).unwrap()];
        section.extend(content);
        section
    }

    fn module(sections: &[Vec<u8>]) -> Vec<u8> {
        let mut module = b"\0asm\x01\0\0\0".to_vec();
        // An empty type section first, so the parser has to skip a non-custom section.
        module.extend_from_slice(&[1, 1, 0]);
        for section in sections {
            module.extend_from_slice(section);
        }
        module
    }

    fn features_payload(entries: &[(u8, &str)]) -> Vec<u8> {
        let mut payload = vec![u8::try_from(entries.len()).unwrap()];
        for (prefix, name) in entries {
            payload.push(*prefix);
            payload.push(u8::try_from(name.len()).unwrap());
            payload.extend_from_slice(name.as_bytes());
        }
        payload
    }

    #[test]
    fn maps_enabled_features_to_binaryen_flags() {
        let payload = features_payload(&[
            (b'+', "bulk-memory"),
            (b'+', "nontrapping-fptoint"),
            (b'-', "simd128"),
            (b'=', "sign-ext"),
        ]);
        let wasm = module(&[
            custom_section("producers", &[0]),
            custom_section("target_features", &payload),
        ]);
        assert_eq!(
            binaryen_flags(&wasm).unwrap(),
            [
                "--enable-bulk-memory",
                "--enable-nontrapping-float-to-int",
                "--enable-sign-ext"
            ]
        );
    }

    #[test]
    fn missing_section_or_unknown_feature_is_an_error() {
        assert!(binaryen_flags(&module(&[])).is_err());
        let payload = features_payload(&[(b'+', "teleportation")]);
        let error =
            binaryen_flags(&module(&[custom_section("target_features", &payload)])).unwrap_err();
        assert!(error.to_string().contains("teleportation"));
        assert!(binaryen_flags(b"\0asm\x01\0").is_err());
    }
}
