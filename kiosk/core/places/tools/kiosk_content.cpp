// kiosk-content: the content tool of the places module.
//   kiosk-content import-v0 <source.json> --out <lieux-v1.csv> [--standard <dir>] [--report <file>]
//       reads a v0 JSON file of the national map, validates it (v0 then v1 schema), maps it onto v1 and
//       writes the kept places as a v1 CSV of the standard; prints the report (rejected rows and why).
//   kiosk-content check <file.csv|file.json> [--standard <dir>]
//       validates a file and prints the report; exit status 1 when rows were rejected, 2 when unreadable.
//   kiosk-content import <file.csv|file.json> --db <places.sqlite> [--standard <dir>]
//       validates a file and upserts its good rows into a places database (one transaction).
//   kiosk-content bundle build|sign|verify|diff|install|fetch|status …
//       content bundles for the fleet: see kiosk/core/fleet/tools/bundle_command.cpp.
//   kiosk-content sync <content-places-dir> --db <places.sqlite> [--standard <dir>]
//       what the kiosk does at start: imports every <dir>/*.csv in ONE transaction when they changed, removes
//       the places they no longer have, rebuilds a damaged database; exit status 2 when the import failed
//       (the last good places are kept).
// --standard defaults to content/standard beside the working directory, or $KIOSK_STANDARD_DIR.
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "kiosk/core/places/content_import.hpp"
#include "kiosk/core/places/import.hpp"
#include "kiosk/core/places/place_store.hpp"

namespace fs = std::filesystem;
using namespace kiosk::places;

namespace kiosk::fleet {
int bundle_main(const std::vector<std::string>& args);
}

namespace {

int usage() {
    std::cerr << "usage:\n"
                 "  kiosk-content import-v0 <source.json> --out <lieux-v1.csv> [--standard <dir>] [--report "
                 "<file>]\n"
                 "  kiosk-content check <file.csv|file.json> [--standard <dir>]\n"
                 "  kiosk-content import <file.csv|file.json> --db <places.sqlite> [--standard <dir>]\n"
                 "  kiosk-content sync <content-places-dir> --db <places.sqlite> [--standard <dir>]\n"
                 "  kiosk-content bundle …  (kiosk-content bundle help)\n";
    return 64;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (!args.empty() && args[0] == "bundle") return kiosk::fleet::bundle_main(args);
    if (args.size() < 2) return usage();
    const std::string command = args[0];
    const fs::path input = args[1];
    fs::path out, db, report_file;
    fs::path standard_dir = std::getenv("KIOSK_STANDARD_DIR") ? fs::path(std::getenv("KIOSK_STANDARD_DIR"))
                                                              : fs::path("content/standard");
    for (std::size_t i = 2; i < args.size(); ++i) {
        if (i + 1 >= args.size()) return usage();
        if (args[i] == "--out")
            out = args[++i];
        else if (args[i] == "--db")
            db = args[++i];
        else if (args[i] == "--standard")
            standard_dir = args[++i];
        else if (args[i] == "--report")
            report_file = args[++i];
        else
            return usage();
    }
    if (command == "sync") {
        if (db.empty()) return usage();
        ContentPlaces content = sync_content(content_files(input), standard_dir, db);
        for (const auto& p : content.problems) std::cerr << "kiosk-content: " << p << "\n";
        const char* state = content.status.state == ContentStatus::State::Imported ? "imported"
                            : content.status.failed()                              ? "failed"
                                                                                   : "unchanged";
        std::cout << state << ": " << content.places.size() << " places";
        if (content.status.removed) std::cout << ", " << content.status.removed << " removed";
        if (content.status.rebuilt) std::cout << ", database rebuilt";
        std::cout << "\n";
        if (content.status.failed()) std::cerr << "kiosk-content: " << content.status.problem << "\n";
        return content.status.failed() ? 2 : 0;
    }
    Standard standard;
    try {
        standard = Standard::load(standard_dir);
    } catch (const SchemaError& e) {
        std::cerr << "kiosk-content: " << e.what() << " (use --standard <dir>)\n";
        return 2;
    }

    if (command == "import-v0" || command == "check") {
        if (command == "import-v0" && out.empty()) return usage();
        ImportResult result =
            command == "import-v0" ? read_v0_json(input, standard) : read_places_file(input, standard);
        std::string text = result.report.text(100000);
        std::cout << text;
        if (!report_file.empty()) std::ofstream(report_file) << text;
        if (!result.report.ok()) return 2;
        if (command == "import-v0") {
            fs::path tmp = out;
            tmp += ".tmp";
            {
                std::ofstream file(tmp, std::ios::binary | std::ios::trunc);
                write_v1_csv(file, result.places);
                file.flush();
                if (!file) {
                    std::cerr << "kiosk-content: cannot write " << tmp << "\n";
                    return 2;
                }
            }
            fs::rename(tmp, out);  // the old file stays whole until the new one is complete
            // The output must itself be a valid v1 file of the standard.
            ImportResult again = read_v1_csv(out, standard.v1);
            if (again.report.rejected || again.places.size() != result.places.size()) {
                std::cerr << "kiosk-content: the written CSV does not validate:\n" << again.report.text();
                return 2;
            }
            std::cout << "wrote " << result.places.size() << " places to " << out.string() << "\n";
            return 0;
        }
        return result.report.rejected ? 1 : 0;
    }
    if (command == "import") {
        if (db.empty()) return usage();
        try {
            PlaceStore store = PlaceStore::open(db);
            ImportReport report = store.import_file(input, standard);
            std::cout << report.text(100000);
            if (!report.ok()) return 2;
            std::cout << store.count() << " places in " << db.string() << "\n";
            return 0;
        } catch (const StoreError& e) {
            std::cerr << "kiosk-content: " << e.what() << "\n";
            return 2;
        }
    }
    return usage();
}
