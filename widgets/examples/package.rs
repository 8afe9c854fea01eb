//! Writes the package's generated files (`package.json`, `custom-elements.json`,
//! `crm-widgets.d.ts`) into the directory given as the only argument.
//! `cargo xtask package` runs it for `widgets/package/`.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(directory) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: package <directory>");
        return ExitCode::FAILURE;
    };
    for (name, contents) in widgets::package::files() {
        let path = directory.join(name);
        let unchanged = std::fs::read_to_string(&path).is_ok_and(|current| current == contents);
        if unchanged {
            println!("{name}: up to date");
        } else if let Err(error) = std::fs::write(&path, contents) {
            eprintln!("cannot write {}: {error}", path.display());
            return ExitCode::FAILURE;
        } else {
            println!("{name}: written");
        }
    }
    ExitCode::SUCCESS
}
