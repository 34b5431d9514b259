//! The `dojo` binary: parse arguments, set up logging, hand over to `cli`.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    // A missing .env is normal; a malformed one is reported by the commands
    // that need its values.
    let _ = dotenvy::dotenv();
    objection_dojo::cli::init_tracing();
    let cli = objection_dojo::cli::Cli::parse();
    match objection_dojo::cli::run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}
