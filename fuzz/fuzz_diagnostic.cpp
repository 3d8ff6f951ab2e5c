// libFuzzer target: the self-diagnostic content (content/diagnostic/diagnostic.toml), validated against the
// shipped translations; when it loads, a session walks it answering the first choice or skipping each task.
#include "fuzz_support.hpp"
#include "kiosk/core/diagnostic/diagnostic.hpp"

using namespace kiosk::diagnostic;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    kiosk::fuzz::quiet();
    const kiosk::Translator& t = kiosk::fuzz::shipped_translator();
    std::vector<kiosk::ConfigError> errors;
    const Diagnostic d = Diagnostic::parse(kiosk::fuzz::as_text(data, size), "diagnostic.toml", t, errors);
    if (!errors.empty() || d.steps.empty()) return 0;
    (void)d.longest_from(0, 0);
    Session s(d);
    for (int i = 0; i < 64 && !s.finished(); ++i) {
        const Step& step = s.current_step();
        if (step.kind == StepKind::Question) {
            if (!s.answer(0)) break;
        } else if (!s.record(i % 2 ? TaskOutcome::skipped() : TaskOutcome::gave_up())) {
            break;
        }
        (void)s.progress();
    }
    (void)s.result();
    return 0;
}
