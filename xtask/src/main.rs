//! `cargo xtask <command>`: build, demo and test automation for the CRM widgets workspace.
//!
//! Commands are plain Rust so that CI and developers run the same steps with nothing but
//! cargo, rustup, node/npm and (for browser tests) apt on the machine.

mod bundle;
mod demo;
mod install;
mod process;
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
  build [--dev]             Build the drop-in bundle into dist/ (crm-widgets.js + .wasm,
                            plus .br/.gz copies). --dev: release profile without LTO, no wasm-opt.
  demo [--port N] [--reset] Build, then serve host-demo/ and dist/ with api-stub on
                            http://127.0.0.1:N/ (default 8080) until Ctrl-C.
                            --reset: delete the demo database first.
  test                      Everything CI checks: fmt, clippy, unit tests, bundle, browser tests.
  help                      Show this text.
";

#[derive(Debug, PartialEq, Eq)]
enum Command {
    Build(bundle::BuildOptions),
    Demo(demo::DemoOptions),
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
        Command::Build(options) => {
            install::ensure_build_tools(&workspace)?;
            bundle::build(&workspace, &options)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Demo(options) => demo::run(&workspace, &options),
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
        "test" => match rest.next() {
            None => Ok(Command::Test),
            Some(other) => bail!("`test` takes no options, got `{other}`"),
        },
        "help" | "--help" | "-h" => Ok(Command::Help),
        other => bail!("unknown command `{other}`"),
    }
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
    }

    #[test]
    fn rejects_unknown_input() {
        assert!(parse("deploy").is_err());
        assert!(parse("build --release").is_err());
        assert!(parse("demo --port").is_err());
        assert!(parse("demo --port eighty").is_err());
        assert!(parse("test --quick").is_err());
    }
}
