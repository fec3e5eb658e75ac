use clap::Parser;

#[actix_web::main]
async fn main() {
    let cli = approval_tracker::cli::Cli::parse();
    if let Err(failure) = approval_tracker::cli::run(cli).await {
        eprintln!("approval-tracker: {}", failure.message);
        std::process::exit(failure.code);
    }
}
