//! The `dojo` binary: parse arguments, set up logging, hand over to `cli`.

use std::process::ExitCode;

use clap::Parser;

// Scoring allocates many small strings per answer (cue ids, quotes, tips);
// mimalloc serves those several times faster than the system allocator,
// which shows in `dojo score --jsonl` throughput.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // A missing .env is normal; a malformed one is reported by the commands
    // that need its values.
    let _ = dotenvy::dotenv();
    objection_dojo::cli::init_tracing();
    let cli = objection_dojo::cli::Cli::parse();
    match objection_dojo::cli::run(cli) {
        Ok(code) => code,
        // A reader that stops early (`dojo score ... | head`) needs no
        // message, as with other Unix tools; the output did fail, so the
        // exit code still says so.
        Err(err) if is_broken_pipe(&err) => ExitCode::FAILURE,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
