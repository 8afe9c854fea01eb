//! `cargo xtask <command>`: build, demo and test automation for the CRM widgets workspace.
//!
//! Commands are plain Rust so that CI and developers run the same steps with nothing but
//! cargo, rustup, node/npm and (for browser tests) apt on the machine.

mod bench;
mod bundle;
mod conformance;
mod demo;
mod install;
mod openapi;
mod package;
mod postgres;
mod process;
mod schemathesis;
mod seed;
mod sizes;
mod steps;
mod test;
mod workspace;

use std::process::ExitCode;

use anyhow::{Context, Result, bail};

use crate::workspace::Workspace;

const USAGE: &str = "\
Usage: cargo xtask <command> [options]

Commands:
  bench [--full] [--rendering] [--inquiries N] [--members M]
                            Bundle sizes against the 250 KB brotli budget (fails above it,
                            after measuring the rest); api-stub in process and under load
                            (wrk) over N generated inquiries (default 100000, seeded once
                            into target/bench/) and M generated members (default 8); the
                            widgets in headless Chromium against plain-JavaScript floors
                            and on a host page. Writes BENCHMARKS.md. --full: also
                            1000000 inquiries for the server, and each widget's own bundle.
                            --rendering: only the js-framework-benchmark operations on the
                            inbox's rows against plain JavaScript, printed.
  build [--dev]             Build the drop-in bundle into dist/ (crm-widgets.js + .wasm,
                            plus .br/.gz copies). --dev: release profile without LTO, no wasm-opt.
  conformance --base-url URL --token TOKEN [--other-token TOKEN] [--ingest-token TOKEN]
                            Check your own back end against the REST contract: schemathesis
                            with contract/openapi.json, then the conformance suite
                            (tests/conformance/). URL includes the API prefix
                            (https://…/api/v1); TOKEN is a member owner's or manager's;
                            --other-token a user of another member company;
                            --ingest-token the portal's service token. It writes test
                            data: use a test instance.
  demo [--port N] [--reset] Build, then serve host-demo/ and dist/ with api-stub on
                            http://127.0.0.1:N/ (default 8080) until Ctrl-C.
                            --reset: delete the demo database first.
  openapi                   Write api-stub's OpenAPI document to contract/openapi.json.
  package                   Write the package's package.json, custom-elements.json and
                            crm-widgets.d.ts, generated from the widgets crate, to
                            widgets/package/ (`build` copies them into dist/).
  seed [--inquiries N] [--members M] [--years Y] [--database FILE]
                            A new database (default target/demo/crm.db, replaced) with the
                            demo story plus N generated older inquiries (default 100000, up
                            to 20000000) over the demo members and M generated member
                            companies (default 0), reaching Y years back (default 3).
  schemathesis              Only the schemathesis step of `test`: api-stub against its
                            OpenAPI document (installs schemathesis from PyPI if needed).
  test                      Everything CI checks: fmt, clippy, unit tests, schemathesis
                            against api-stub, bundle, browser tests.
  help                      Show this text.
";

#[derive(Debug, PartialEq, Eq)]
enum Command {
    Bench(bench::BenchOptions),
    Build(bundle::BuildOptions),
    Conformance(conformance::ConformanceOptions),
    Demo(demo::DemoOptions),
    Openapi,
    Package,
    Schemathesis,
    Seed(seed::SeedOptions),
    Test,
    Help,
}

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(error) => {
            // The chain without a backtrace: the failing command's own output is above.
            eprintln!("\nerror: {error}");
            for cause in error.chain().skip(1) {
                eprintln!("  caused by: {cause}");
            }
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<ExitCode> {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let command = match parse_arguments(&arguments) {
        Ok(command) => command,
        Err(error) => {
            eprintln!("error: {error}\n\n{USAGE}");
            return Ok(ExitCode::from(2));
        }
    };
    if command == Command::Help {
        print!("{USAGE}");
        return Ok(ExitCode::SUCCESS);
    }
    let workspace = Workspace::locate()?;
    match command {
        Command::Bench(options) => {
            bench::run(&workspace, &options)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Build(options) => {
            install::ensure_build_tools(&workspace)?;
            bundle::build(&workspace, &options)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Conformance(options) => {
            conformance::run(&workspace, &options)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Demo(options) => demo::run(&workspace, &options),
        Command::Openapi => {
            openapi::write(&workspace)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Package => {
            package::write(&workspace)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Schemathesis => {
            schemathesis::run(&workspace)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Seed(options) => {
            seed::run(&workspace, &options)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Test => {
            test::run(&workspace)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Help => Ok(ExitCode::SUCCESS),
    }
}

fn parse_arguments(arguments: &[String]) -> Result<Command> {
    let Some((name, rest)) = arguments.split_first() else {
        return Ok(Command::Help);
    };
    let mut rest = rest.iter().map(String::as_str);
    match name.as_str() {
        "bench" => {
            let mut options = bench::BenchOptions::default();
            while let Some(flag) = rest.next() {
                let mut value = || {
                    rest.next()
                        .with_context(|| format!("`{flag}` needs a value"))
                };
                match flag {
                    "--inquiries" => options.inquiries = number(flag, value()?)?,
                    "--members" => options.members = number(flag, value()?)?,
                    "--full" => options.full = true,
                    "--rendering" => options.rendering_only = true,
                    other => bail!("unknown option `{other}` for `bench`"),
                }
            }
            Ok(Command::Bench(options))
        }
        "build" => {
            let mut options = bundle::BuildOptions::default();
            for flag in rest {
                match flag {
                    "--dev" => options.dev = true,
                    other => bail!("unknown option `{other}` for `build`"),
                }
            }
            Ok(Command::Build(options))
        }
        "conformance" => {
            let mut options = conformance::ConformanceOptions::default();
            while let Some(flag) = rest.next() {
                let value = rest
                    .next()
                    .with_context(|| format!("`{flag}` needs a value"))?
                    .to_owned();
                match flag {
                    "--base-url" => options.base_url = value,
                    "--token" => options.token = value,
                    "--other-token" => options.other_token = Some(value),
                    "--ingest-token" => options.ingest_token = Some(value),
                    other => bail!("unknown option `{other}` for `conformance`"),
                }
            }
            if options.base_url.is_empty() || options.token.is_empty() {
                bail!("`conformance` needs --base-url and --token");
            }
            Ok(Command::Conformance(options))
        }
        "demo" => {
            let mut options = demo::DemoOptions::default();
            while let Some(flag) = rest.next() {
                match flag {
                    "--port" => {
                        let value = rest.next().context("`--port` needs a number")?;
                        options.port = value
                            .parse()
                            .with_context(|| format!("`--port {value}` is not a port number"))?;
                    }
                    "--reset" => options.reset = true,
                    other => bail!("unknown option `{other}` for `demo`"),
                }
            }
            Ok(Command::Demo(options))
        }
        "openapi" => match rest.next() {
            None => Ok(Command::Openapi),
            Some(other) => bail!("`openapi` takes no options, got `{other}`"),
        },
        "package" => match rest.next() {
            None => Ok(Command::Package),
            Some(other) => bail!("`package` takes no options, got `{other}`"),
        },
        "schemathesis" => match rest.next() {
            None => Ok(Command::Schemathesis),
            Some(other) => bail!("`schemathesis` takes no options, got `{other}`"),
        },
        "seed" => {
            let mut options = seed::SeedOptions::default();
            while let Some(flag) = rest.next() {
                let mut value = || {
                    rest.next()
                        .with_context(|| format!("`{flag}` needs a value"))
                };
                match flag {
                    "--inquiries" => options.inquiries = number(flag, value()?)?,
                    "--members" => options.members = number(flag, value()?)?,
                    "--years" => options.years = number(flag, value()?)?,
                    "--database" => options.database = Some(value()?.into()),
                    other => bail!("unknown option `{other}` for `seed`"),
                }
            }
            Ok(Command::Seed(options))
        }
        "test" => match rest.next() {
            None => Ok(Command::Test),
            Some(other) => bail!("`test` takes no options, got `{other}`"),
        },
        "help" | "--help" | "-h" => Ok(Command::Help),
        other => bail!("unknown command `{other}`"),
    }
}

/// `value` of `flag` as a whole number (underscores allowed: `1_000_000`).
fn number<T: std::str::FromStr>(flag: &str, value: &str) -> Result<T> {
    value
        .replace('_', "")
        .parse()
        .map_err(|_| anyhow::anyhow!("`{flag} {value}` is not a whole number"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(line: &str) -> Result<Command> {
        let arguments: Vec<String> = line.split_whitespace().map(str::to_owned).collect();
        parse_arguments(&arguments)
    }

    #[test]
    fn parses_commands_and_flags() {
        assert_eq!(parse("").unwrap(), Command::Help);
        assert_eq!(
            parse("build").unwrap(),
            Command::Build(bundle::BuildOptions { dev: false })
        );
        assert_eq!(
            parse("build --dev").unwrap(),
            Command::Build(bundle::BuildOptions { dev: true })
        );
        assert_eq!(
            parse("demo --reset --port 9000").unwrap(),
            Command::Demo(demo::DemoOptions {
                port: 9000,
                reset: true
            })
        );
        assert_eq!(
            parse("demo").unwrap(),
            Command::Demo(demo::DemoOptions {
                port: 8080,
                reset: false
            })
        );
        assert_eq!(parse("test").unwrap(), Command::Test);
        assert_eq!(parse("openapi").unwrap(), Command::Openapi);
        assert_eq!(parse("package").unwrap(), Command::Package);
        assert_eq!(
            parse(
                "conformance --base-url https://crm.example.com/api/v1 --token t --other-token o"
            )
            .unwrap(),
            Command::Conformance(conformance::ConformanceOptions {
                base_url: "https://crm.example.com/api/v1".into(),
                token: "t".into(),
                other_token: Some("o".into()),
                ingest_token: None,
            })
        );
        assert_eq!(parse("schemathesis").unwrap(), Command::Schemathesis);
        assert_eq!(
            parse("bench --inquiries 1000000").unwrap(),
            Command::Bench(bench::BenchOptions {
                inquiries: 1_000_000,
                members: 8,
                full: false,
                rendering_only: false,
            })
        );
        assert_eq!(
            parse("bench --full").unwrap(),
            Command::Bench(bench::BenchOptions {
                inquiries: 100_000,
                members: 8,
                full: true,
                rendering_only: false,
            })
        );
        assert_eq!(
            parse("seed").unwrap(),
            Command::Seed(seed::SeedOptions::default())
        );
        assert_eq!(
            parse("seed --inquiries 1_000_000 --members 8 --years 5 --database /tmp/big.db")
                .unwrap(),
            Command::Seed(seed::SeedOptions {
                inquiries: 1_000_000,
                members: 8,
                years: 5,
                database: Some("/tmp/big.db".into()),
            })
        );
    }

    #[test]
    fn rejects_unknown_input() {
        assert!(parse("deploy").is_err());
        assert!(parse("build --release").is_err());
        assert!(parse("demo --port").is_err());
        assert!(parse("demo --port eighty").is_err());
        assert!(parse("test --quick").is_err());
        assert!(parse("openapi --check").is_err());
        assert!(parse("seed --inquiries lots").is_err());
        assert!(parse("seed --members").is_err());
        assert!(parse("seed --size 5").is_err());
        assert!(parse("bench --inquiries").is_err());
        assert!(parse("bench --quick").is_err());
        assert!(parse("conformance").is_err());
        assert!(parse("conformance --token t").is_err());
        assert!(parse("conformance --base-url http://x --token").is_err());
        assert!(parse("package --check").is_err());
    }
}
