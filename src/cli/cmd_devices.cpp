// device list, device watch
#include <atomic>
#include <chrono>
#include <iostream>
#include <mutex>
#include <thread>

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

}  // namespace

Status cmd_device_list(Context& ctx) {
    SANAQ_TRY(ctx.args().only({}));
    auto session = ctx.session();
    SANAQ_TRY(session);
    auto tablets = app::Tablets::from_environment()->connected();
    SANAQ_TRY(tablets);
    ordered_json rows = ordered_json::array();
    std::vector<std::vector<std::string>> cells;
    for (const auto& t : *tablets) {
        auto id = identify_tablet(**session, t.usb_serial, "");
        SANAQ_TRY(id);
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
    SANAQ_TRY(ctx.args().only({}));
    auto session = ctx.session();
    SANAQ_TRY(session);
    // Events come from the watcher's thread; the session is used on this one only.
    std::mutex mutex;
    std::vector<std::pair<bool, usb::TabletInfo>> pending;
    std::optional<Error> failure;
    usb::TabletWatcher watcher({[&](const usb::TabletInfo& t) { std::lock_guard l(mutex); pending.emplace_back(true, t); },
                                [&](const usb::TabletInfo& t) { std::lock_guard l(mutex); pending.emplace_back(false, t); },
                                [&](const Error& e) { std::lock_guard l(mutex); failure = e; }});
    SANAQ_TRY(watcher.start());
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
            SANAQ_TRY(id);
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

}  // namespace sanaq::cli
