// device list, device watch, tablet-sim make-packages
#include <atomic>
#include <chrono>
#include <fstream>
#include <iostream>
#include <mutex>
#include <sstream>
#include <thread>

#include "census_sim/census_sim.h"
#include "cli/commands.h"
#include "cli/context.h"
#include "core/domain/printable.h"
#include "cli/output.h"
#include "cli/stop_request.h"
#include "app/tablets.h"
#include "core/usecases/devices.h"
#include "usb/tablets.h"

namespace sanaq::cli {
namespace {
using nlohmann::ordered_json;
using i18n::format_message;


ordered_json identity_json(const TabletIdentity& id) {
    ordered_json j{{"kit", id.kit ? id.kit->number : ""}};
    if (id.holder) j["holder"] = {{"full_name", id.holder->full_name}, {"iin", id.holder->iin}, {"phone", id.holder->phone}};
    else j["holder"] = nullptr;
    if (id.institution) j["institution"] = {{"bin", id.institution->bin}, {"name_kk", id.institution->name_kk}, {"name_ru", id.institution->name_ru}};
    else j["institution"] = nullptr;
    return j;
}

std::string identity_text(const TabletIdentity& id) {
    if (!id.kit) return tr("not a registered kit");
    std::string text = id.kit->number;
    if (id.holder) text += " \u2014 " + id.holder->full_name;
    return text;
}

Result<std::uint64_t> unsigned_option(const Args& a, const std::string& name, std::uint64_t fallback) {
    auto v = a.get(name);
    if (!v) return fallback;
    try {
        std::size_t used = 0;
        const auto n = std::stoull(*v, &used);
        if (used == v->size()) return n;
    } catch (const std::exception&) {
    }
    return fail(ErrorCode::Usage, N_("--{} takes a whole number; got {}."), {name, *v});
}

}  // namespace

Status cmd_device_list(Context& ctx) {
    if (auto ok = ctx.args().only({}); !ok) return ok;
    auto session = ctx.session();
    if (!session) return std::unexpected(session.error());
    auto tablets = app::Tablets::from_environment()->connected();
    if (!tablets) return std::unexpected(tablets.error());
    ordered_json rows = ordered_json::array();
    std::vector<std::vector<std::string>> cells;
    for (const auto& t : *tablets) {
        auto id = identify_tablet(**session, t.usb_serial, "");
        if (!id) return std::unexpected(id.error());
        auto j = identity_json(*id);
        ordered_json row{{"usb_serial", t.usb_serial}, {"description", t.description}, {"model", t.model},
                         {"accessible", t.accessible}, {"simulated", t.simulated}};
        for (auto& [k, v] : j.items()) row[k] = v;
        rows.push_back(row);
        // The tablet's own strings: shown, never obeyed (one line each, escapes visible).
        cells.push_back({printable_name(t.usb_serial), printable_name(t.model), identity_text(*id),
                         t.accessible ? "" : tr("no permission (see the udev rule)")});
    }
    if (ctx.json()) ctx.emit(ordered_json{{"tablets", rows}});
    else if (cells.empty()) ctx.say(tr("No tablet is connected."));
    else ctx.say(table({tr("USB serial"), tr("Model"), tr("Kit"), tr("Note")}, cells));
    return {};
}

Status cmd_device_watch(Context& ctx) {
    if (auto ok = ctx.args().only({}); !ok) return ok;
    auto session = ctx.session();
    if (!session) return std::unexpected(session.error());
    // Events come from the watcher's thread; the session is used on this one only.
    std::mutex mutex;
    std::vector<std::pair<bool, usb::TabletInfo>> pending;
    std::optional<Error> failure;
    usb::TabletWatcher watcher({[&](const usb::TabletInfo& t) { std::lock_guard l(mutex); pending.emplace_back(true, t); },
                                [&](const usb::TabletInfo& t) { std::lock_guard l(mutex); pending.emplace_back(false, t); },
                                [&](const Error& e) { std::lock_guard l(mutex); failure = e; }});
    if (auto ok = watcher.start(); !ok) return ok;
    StopRequest stop;   // until Ctrl+C
    // --json: one document, {"events": [...]}, each event on its own line as it happens.
    if (ctx.json()) ctx.open_stream("events");
    else ctx.say(tr("Watching for tablets; press Ctrl+C to stop."));
    while (!stop.requested()) {
        std::vector<std::pair<bool, usb::TabletInfo>> events;
        {
            std::lock_guard l(mutex);
            events.swap(pending);
            if (failure) return std::unexpected(*failure);
        }
        for (const auto& [arrived, t] : events) {
            auto id = identify_tablet(**session, t.usb_serial, "");
            if (!id) return std::unexpected(id.error());
            if (ctx.json()) {
                ordered_json line{{"event", arrived ? "arrived" : "removed"}, {"usb_serial", t.usb_serial}, {"description", t.describe()}};
                const auto who = identity_json(*id);   // a named object: items() must not outlive it
                for (const auto& [k, v] : who.items()) line[k] = v;
                ctx.stream_item(line);
            } else {
                ctx.say(format_message(arrived ? tr("Plugged in: {} \u2014 {}") : tr("Unplugged: {} \u2014 {}"),
                                       {printable_name(t.describe()), identity_text(*id)}));
            }
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    watcher.stop();
    return {};
}

Status cmd_tablet_sim_make_packages(Context& ctx) {
    const auto& a = ctx.args();
    if (auto ok = a.only({"out", "kit", "department-key", "persons", "packages", "seed", "usb-serial"}); !ok) return ok;
    auto out = a.need("out");
    if (!out) return std::unexpected(out.error());
    auto kit = a.need("kit");
    if (!kit) return std::unexpected(kit.error());
    auto key_file = a.need("department-key");
    if (!key_file) return std::unexpected(key_file.error());
    auto persons = unsigned_option(a, "persons", 0);
    if (!persons) return std::unexpected(persons.error());
    if (*persons == 0) return fail(ErrorCode::Usage, N_("Say how many persons the packages hold with --persons N."));
    auto packages = unsigned_option(a, "packages", 1);
    if (!packages) return std::unexpected(packages.error());
    auto seed = unsigned_option(a, "seed", 1);
    if (!seed) return std::unexpected(seed.error());
    std::ifstream in(*key_file, std::ios::binary);
    if (!in) return fail(ErrorCode::Io, N_("The file {} could not be read."), {*key_file});
    std::stringstream ss;
    ss << in.rdbuf();
    census_sim::MakePackagesRequest request;
    request.kit_number = *kit;
    request.department_public_file_text = ss.str();
    request.persons = static_cast<std::int64_t>(*persons);
    request.packages = static_cast<int>(std::max<std::uint64_t>(1, *packages));
    request.seed = *seed;
    request.usb_serial = a.get_or("usb-serial", "");
    auto made = census_sim::make_packages(*out, request);
    if (!made) return std::unexpected(made.error());
    if (ctx.json()) {
        ordered_json files = ordered_json::array();
        for (const auto& p : made->packages)
            files.push_back({{"file", p.path.filename().string()}, {"package_uuid", p.manifest.package_uuid},
                             {"sequence", p.manifest.sequence}, {"households", p.manifest.households},
                             {"persons", p.manifest.persons}, {"size", p.manifest.payload_size}});
        ctx.emit(ordered_json{{"out", *out}, {"kit", made->kit.kit_number}, {"usb_serial", made->kit.usb_serial},
                              {"device_id", made->device_id}, {"households", made->households},
                              {"persons", made->persons}, {"packages", files},
                              {"institution", {{"bin", made->kit.institution.bin},
                                               {"name_kk", made->kit.institution.name_kk},
                                               {"name_ru", made->kit.institution.name_ru},
                                               {"type", institution_type_code(made->kit.institution.type)},
                                               {"kato", made->kit.institution.kato.code},
                                               {"kato_version", made->kit.institution.kato.classifier_version}}}});
    } else {
        ctx.say(format_message(tr("The packages for kit {} are in {}: packages: {}, persons: {}, households: {}. The tablet's USB serial is {}."),
                               {made->kit.kit_number, *out, std::to_string(made->packages.size()),
                                std::to_string(made->persons), std::to_string(made->households), made->kit.usb_serial}));

        const auto& inst = made->kit.institution;
        ctx.say(format_message(tr("In the simulated world the kit works at institution {} ({}). To import its list, register it with:"),
                               {inst.bin, inst.name_ru}));
        ctx.say("  sanaq institution add --bin " + inst.bin + " --name-kk \"" + inst.name_kk + "\" --name-ru \"" +
                inst.name_ru + "\" --type " + std::string(institution_type_code(inst.type)) + " --kato " + inst.kato.code +
                " --kato-version " + inst.kato.classifier_version);
    }
    return {};
}

}  // namespace sanaq::cli
