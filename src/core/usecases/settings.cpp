#include "core/usecases/settings.h"

#include <charconv>
#include <nlohmann/json.hpp>

#include "core/domain/clock.h"

namespace sanaq {

Result<int> idle_lock_minutes(Session& session) {
    return query<int>(session.store, [](StoreSession& tx) -> Result<int> {
        auto v = tx.settings().get(setting::kIdleLockMinutes);
        SANAQ_TRY(v);
        int minutes = kDefaultIdleLockMinutes;
        if (*v) std::from_chars((*v)->data(), (*v)->data() + (*v)->size(), minutes);
        return minutes;
    });
}

Status set_idle_lock_minutes(Session& session, int minutes) {
    SANAQ_TRY(require(session.actor, Operation::ManageSettings));
    if (minutes < 0 || minutes > 240)
        return fail(ErrorCode::InvalidInput, N_("The idle lock must be between 0 (never) and 240 minutes."));
    return session.store.write([&](StoreSession& tx) -> Status {
        SANAQ_TRY(tx.settings().set(setting::kIdleLockMinutes, std::to_string(minutes)));
        return record(tx, session, {"settings.idle_lock", "settings", "idle_lock", "",
                                    nlohmann::json{{"minutes", minutes}}.dump()});
    });
}

Result<CensusRound> load_census_round(StoreSession& tx) {
    auto name = tx.settings().get(setting::kCensusRound);
    SANAQ_TRY(name);
    auto moment = tx.settings().get(setting::kReferenceMoment);
    SANAQ_TRY(moment);
    auto round = parse_census_round(name->value_or(""), moment->value_or(""));
    // A value written by hand that does not parse reads as "not set" rather than failing every screen.
    if (!round) return CensusRound{name->value_or(""), {}, {}, {}};
    return *round;
}

Result<CensusRound> census_round(Session& session) {
    return query<CensusRound>(session.store, [](StoreSession& tx) { return load_census_round(tx); });
}

Status set_census_round(Session& session, const CensusRound& round) {
    SANAQ_TRY(require(session.actor, Operation::ManageSettings));
    SANAQ_TRY(check_census_round(round));
    const std::string moment = round.reference_moment();
    return session.store.write([&](StoreSession& tx) -> Status {
        SANAQ_TRY(tx.settings().set(setting::kCensusRound, round.name));
        SANAQ_TRY(tx.settings().set(setting::kReferenceMoment, moment));
        return record(tx, session, {"settings.census_round", "settings", "census_round", "",
                                    nlohmann::json{{"round", round.name}, {"reference_moment", moment}}.dump()});
    });
}

std::string calendar_json(const CensusCalendar& c) {
    nlohmann::json regions = nlohmann::json::array();
    for (const auto& r : c.region_list_dates) regions.push_back({{"region", r.region}, {"date", r.date}});
    return nlohmann::json{{"round", c.round.name},
                          {"list_date", c.list_date},
                          {"region_list_dates", regions},
                          {"online_from", c.online_from},
                          {"online_to", c.online_to},
                          {"tablet_from", c.tablet_from},
                          {"tablet_to", c.tablet_to},
                          {"end_date", c.end_date},
                          {"order_number", c.order_number},
                          {"order_date", c.order_date}}
        .dump();
}

std::optional<CensusCalendar> parse_calendar_json(const CensusRound& round, const std::string& text) {
    CensusCalendar c;
    c.round = round;
    if (text.empty()) return c;
    const auto j = nlohmann::json::parse(text, nullptr, false);
    if (!j.is_object()) return std::nullopt;
    auto str = [&](const char* key) {
        const auto it = j.find(key);
        return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    // The dates of another round are not this round's.
    if (str("round") != round.name) return c;
    c.list_date = str("list_date");
    c.online_from = str("online_from");
    c.online_to = str("online_to");
    c.tablet_from = str("tablet_from");
    c.tablet_to = str("tablet_to");
    c.end_date = str("end_date");
    c.order_number = str("order_number");
    c.order_date = str("order_date");
    if (const auto it = j.find("region_list_dates"); it != j.end() && it->is_array())
        for (const auto& r : *it)
            if (r.is_object() && r.value("region", nlohmann::json()).is_string() && r.value("date", nlohmann::json()).is_string())
                c.region_list_dates.push_back({r["region"].get<std::string>(), r["date"].get<std::string>()});
    return c;
}

Result<CensusCalendar> load_census_calendar(StoreSession& tx) {
    auto round = load_census_round(tx);
    SANAQ_TRY(round);
    auto text = tx.settings().get(setting::kCensusCalendar);
    SANAQ_TRY(text);
    auto calendar = parse_calendar_json(*round, text->value_or(""));
    // As for the round: a value that does not parse reads as "not set".
    if (!calendar) {
        CensusCalendar empty;
        empty.round = *round;
        return empty;
    }
    return *calendar;
}

Result<CensusCalendar> census_calendar(Session& session) {
    return query<CensusCalendar>(session.store, [](StoreSession& tx) { return load_census_calendar(tx); });
}

Status set_census_calendar(Session& session, const CensusCalendar& calendar) {
    SANAQ_TRY(require(session.actor, Operation::ManageSettings));
    SANAQ_TRY(check_census_calendar(calendar));
    const std::string moment = calendar.round.reference_moment();
    const std::string stored = calendar_json(calendar);
    return session.store.write([&](StoreSession& tx) -> Status {
        SANAQ_TRY(tx.settings().set(setting::kCensusRound, calendar.round.name));
        SANAQ_TRY(tx.settings().set(setting::kReferenceMoment, moment));
        SANAQ_TRY(tx.settings().set(setting::kCensusCalendar, stored));
        auto details = nlohmann::json::parse(stored);
        details["reference_moment"] = moment;
        return record(tx, session, {"settings.census_calendar", "settings", "census_calendar", "", details.dump()});
    });
}

}  // namespace sanaq
