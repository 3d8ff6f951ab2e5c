// `kiosk-content bundle …`: content bundles for the fleet (see kiosk/core/fleet/bundle.hpp).
//   bundle keygen --secret <file> --public <file>
//   bundle build <content-dir> --out <dir/stem> --version <N> [--min-app <version>] [--standard <dir>]
//   bundle sign <dir/stem> --key <secret-file>
//   bundle verify <dir/stem> --key <public-file>
//   bundle diff <base dir/stem> <target dir/stem> --out <dir/stem>     (a delta: SQLite changeset)
//   bundle install <dir/stem> --store <dir> --key <public-file> [--app-version <v>]
//   bundle fetch <channel-url> --store <dir> --key <public-file> --download-dir <dir> [--kiosk-id <id>]
//       one poll of a static host: download (resumed), verify, install; what the kiosk does.
//   bundle ddi <hawkbit-url> --controller <id> --token <target-token> --store <dir> --key <public-file>
//       --download-dir <dir> [--tenant DEFAULT] [--polls N] [--client-cert F --client-key F --ca F]
//       N polls (1 by default) of a hawkBit server as the kiosk makes them, sleeping as the server says.
//   bundle status --store <dir>
// Exit status: 0 done, 1 refused (the message says why), 2 unusable input, 64 usage.
#include <algorithm>
#include <iostream>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "build_info.hpp"
#include "kiosk/core/config.hpp"
#include "kiosk/core/files.hpp"
#include "kiosk/core/fleet/bundle.hpp"
#include "kiosk/core/fleet/content_store.hpp"
#include "kiosk/core/fleet/ddi.hpp"

namespace fs = std::filesystem;
using namespace kiosk::fleet;

namespace kiosk::fleet {
int bundle_main(const std::vector<std::string>& args);
}

namespace {

int usage() {
    std::cerr
        << "usage:\n"
           "  kiosk-content bundle keygen --secret <file> --public <file>\n"
           "  kiosk-content bundle build <content-dir> --out <dir/stem> --version <N> [--min-app <v>] "
           "[--standard <dir>]\n"
           "  kiosk-content bundle settings <settings.toml> --out <dir/stem> --version <N>   (a "
           "configuration "
           "bundle)\n"
           "  kiosk-content bundle sign <dir/stem> --key <secret-file>\n"
           "  kiosk-content bundle verify <dir/stem> --key <public-file>\n"
           "  kiosk-content bundle diff <base dir/stem> <target dir/stem> --out <dir/stem>\n"
           "  kiosk-content bundle install <dir/stem> --store <dir> --key <public-file> [--app-version <v>]\n"
           "  kiosk-content bundle fetch <channel-url> --store <dir> --key <public-file> --download-dir "
           "<dir> [--kiosk-id <id>]\n"
           "  kiosk-content bundle status --store <dir>\n";
    return 64;
}

BundleFiles stem_files(const fs::path& stem) {
    return BundleFiles::at(stem.has_parent_path() ? stem.parent_path() : fs::path("."),
                           stem.filename().string());
}

}  // namespace

int kiosk::fleet::bundle_main(const std::vector<std::string>& all) {
    // all[0] == "bundle"
    if (all.size() < 2) return usage();
    const std::string cmd = all[1];
    std::vector<std::string> positional;
    std::map<std::string, std::string> opt;
    for (std::size_t i = 2; i < all.size(); ++i) {
        if (all[i].rfind("--", 0) == 0) {
            if (i + 1 >= all.size()) return usage();
            opt[all[i].substr(2)] = all[i + 1];
            ++i;
        } else {
            positional.push_back(all[i]);
        }
    }
    auto need = [&](const char* k) { return opt.count(k) && !opt[k].empty(); };
    std::string error;
    auto public_key = [&]() {
        auto k = read_public_key(opt["key"], error);
        if (!k) std::cerr << "kiosk-content: " << error << "\n";
        return k;
    };
    try {
        if (cmd == "keygen") {
            if (!need("secret") || !need("public")) return usage();
            generate_keys(opt["secret"], opt["public"]);
            std::cout << "wrote " << opt["secret"] << " (keep it off the kiosks) and " << opt["public"]
                      << "\n";
            return 0;
        }
        if (cmd == "build") {
            if (positional.size() != 1 || !need("out") || !need("version")) return usage();
            BuildOptions o;
            o.version = std::stoll(opt["version"]);
            if (need("min-app")) o.min_app_version = opt["min-app"];
            if (need("standard")) o.standard_dir = opt["standard"];
            const Manifest m = build_bundle(positional[0], stem_files(opt["out"]), o);
            std::cout << "built content " << m.version << ": " << m.size << " bytes, sha256 " << m.sha256
                      << " (unsigned: run bundle sign)\n";
            return 0;
        }
        if (cmd == "settings") {
            if (positional.size() != 1 || !need("out") || !need("version")) return usage();
            // Checked as the kiosk will check them: a bad file never leaves the operator's machine.
            auto text = read_file(positional[0], &error, 1 << 20);
            if (!text) {
                std::cerr << "kiosk-content: " << positional[0] << ": " << error << "\n";
                return 2;
            }
            const ConfigResult r = parse_remote_settings(*text, Config{}, positional[0]);
            for (const ConfigError& e : r.errors) std::cerr << "kiosk-content: " << e.to_string() << "\n";
            if (!r.ok()) return 2;
            const BundleFiles stem = stem_files(opt["out"]);
            fs::path payload = stem.payload;
            payload.replace_extension(".toml");
            const Manifest m = build_settings_bundle(positional[0], {payload, stem.manifest, stem.signature},
                                                     std::stoll(opt["version"]));
            std::cout << "built settings " << m.version << ": " << payload.string()
                      << " (unsigned: run bundle sign)\n";
            return 0;
        }
        if (cmd == "sign") {
            if (positional.size() != 1 || !need("key")) return usage();
            auto k = read_secret_key(opt["key"], error);
            if (!k) {
                std::cerr << "kiosk-content: " << error << "\n";
                return 2;
            }
            sign_bundle(stem_files(positional[0]), *k);
            std::cout << "signed " << stem_files(positional[0]).manifest.string() << "\n";
            return 0;
        }
        if (cmd == "verify") {
            if (positional.size() != 1 || !need("key")) return usage();
            auto k = public_key();
            if (!k) return 2;
            Problem p;
            auto m = verify_bundle(stem_files(positional[0]), *k, p);
            if (!m) {
                std::cout << "refused: " << p.en << "\n" << p.fr << "\n";
                return 1;
            }
            std::cout << "valid: " << m->kind << " " << m->version
                      << (m->delta() ? " (delta from " + std::to_string(m->base_version) + ")" : "") << ", "
                      << m->size << " bytes, needs app " << m->min_app_version << "\n";
            return 0;
        }
        if (cmd == "diff") {
            if (positional.size() != 2 || !need("out")) return usage();
            const Manifest m =
                diff_bundles(stem_files(positional[0]), stem_files(positional[1]), stem_files(opt["out"]));
            std::cout << "delta " << m.base_version << " -> " << m.version << ": " << m.size
                      << " bytes (unsigned: run bundle sign)\n";
            return 0;
        }
        if (cmd == "ddi") {
            if (positional.size() != 1 || !need("controller") || !need("store") || !need("key") ||
                !need("download-dir"))
                return usage();
            auto k = public_key();
            if (!k) return 2;
            ContentStore store(opt["store"]);
            FleetSettings s;
            s.server = positional[0];
            s.tenant = need("tenant") ? opt["tenant"] : "DEFAULT";
            s.controller_id = opt["controller"];
            s.http.target_token = opt["token"];
            s.http.client_cert = opt["client-cert"];
            s.http.client_key = opt["client-key"];
            s.http.ca_file = opt["ca"];
            s.download_dir = opt["download-dir"];
            s.install.trusted_key = *k;
            s.install.app_version = need("app-version") ? opt["app-version"] : kiosk::build::version;
            FleetClient client(s, store);
            const int polls = need("polls") ? std::max(1, std::stoi(opt["polls"])) : 1;
            kiosk::Task task;
            for (int i = 0; i < polls; ++i) {
                const PollOutcome o = client.poll_once(task);
                std::cout << "poll " << i + 1 << ": "
                          << (o.reached ? "reached" : "unreachable (" + o.error + ")")
                          << (o.action_id.empty() ? "" : ", action " + o.action_id + ": " + o.action_result)
                          << ", next in " << o.sleep.count() << " s\n";
                if (i + 1 < polls) std::this_thread::sleep_for(client.next_delay(o));
            }
            return 0;
        }
        if (cmd == "install" || cmd == "fetch") {
            if (positional.size() != 1 || !need("store") || !need("key")) return usage();
            auto k = public_key();
            if (!k) return 2;
            ContentStore store(opt["store"]);
            InstallOptions io;
            io.trusted_key = *k;
            io.app_version = need("app-version") ? opt["app-version"] : kiosk::build::version;
            if (cmd == "install") {
                const InstallResult r = store.install(stem_files(positional[0]), io);
                if (!r.ok()) {
                    std::cout << "refused: " << r.problem.en << "\n" << r.problem.fr << "\n";
                    return 1;
                }
                std::cout << "installed content " << r.version << "\n";
                return 0;
            }
            if (!need("download-dir")) return usage();
            FleetSettings s;
            s.static_url = positional[0];
            s.controller_id = need("kiosk-id") ? opt["kiosk-id"] : "kiosk";
            s.download_dir = opt["download-dir"];
            s.install = io;
            FleetClient client(s, store);
            kiosk::Task task;
            const PollOutcome o = client.poll_once(task);
            if (!o.reached) {
                std::cout << "unreachable: " << o.error << "\n";
                return 1;
            }
            std::cout << (o.action_result.empty() ? std::string("nothing to do") : o.action_result) << "\n";
            return o.action_result.rfind("failed", 0) == 0 ? 1 : 0;
        }
        if (cmd == "status") {
            if (!need("store")) return usage();
            ContentStore store(opt["store"]);
            const auto cur = store.current();
            if (!cur) {
                std::cout << "no content installed\n";
                return 1;
            }
            const std::string why = ContentStore::check(*cur);
            std::cout << "current " << cur->version << (why.empty() ? " (whole)" : " (DAMAGED: " + why + ")");
            if (const auto prev = store.previous()) std::cout << ", previous " << prev->version;
            std::cout << "\n";
            return why.empty() ? 0 : 2;
        }
    } catch (const std::exception& e) {
        std::cerr << "kiosk-content: " << e.what() << "\n";
        return 2;
    }
    return usage();
}
