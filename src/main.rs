fn main() -> std::process::ExitCode {
    scenario_quiz::run()
}
