use clap::Parser;

/// mimalloc rather than glibc's malloc, by measurement (BENCHMARKS.md, issue 32): under
/// glibc the server's RSS rose after every burst of load and never came back, its heap
/// (heaptrack) a fifth of it; freed memory held in per-thread arenas.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[actix_web::main]
async fn main() {
    let cli = approval_tracker::cli::Cli::parse();
    if let Err(failure) = approval_tracker::cli::run(cli).await {
        eprintln!("approval-tracker: {}", failure.message);
        std::process::exit(failure.code);
    }
}
