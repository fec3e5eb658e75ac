use clap::Parser;

/// mimalloc rather than glibc's malloc: a recorded event or a critical path allocates many
/// small strings and rows, and glibc's arenas cost a tenth of the server's time (perf;
/// BENCHMARKS.md has the before and after).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[actix_web::main]
async fn main() {
    let cli = approval_tracker::cli::Cli::parse();
    if let Err(failure) = approval_tracker::cli::run(cli).await {
        eprintln!("approval-tracker: {}", failure.message);
        std::process::exit(failure.code);
    }
}
