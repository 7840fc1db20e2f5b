#include "core/usecases/settings.h"

#include <algorithm>
#include <charconv>
#include <nlohmann/json.hpp>

#include "core/domain/clock.h"

namespace sanaq {

Result<int> idle_lock_minutes(Session& session) {
    return query<int>(session.store, [](StoreSession& tx) -> Result<int> {
        auto v = tx.settings().get(setting::kIdleLockMinutes);
        if (!v) return std::unexpected(v.error());
        int minutes = kDefaultIdleLockMinutes;
        if (*v) std::from_chars((*v)->data(), (*v)->data() + (*v)->size(), minutes);
        return minutes;
    });
}

Status set_idle_lock_minutes(Session& session, int minutes) {
    if (auto ok = require(session.actor, Operation::ManageSettings); !ok) return ok;
    if (minutes < 0 || minutes > 240)
        return fail(ErrorCode::InvalidInput, N_("The idle lock must be between 0 (never) and 240 minutes."));
    return session.store.write([&](StoreSession& tx) -> Status {
        if (auto ok = tx.settings().set(setting::kIdleLockMinutes, std::to_string(minutes)); !ok) return ok;
        return record(tx, session, {"settings.idle_lock", "settings", "idle_lock", "",
                                    nlohmann::json{{"minutes", minutes}}.dump()});
    });
}

std::string CensusRound::reference_moment() const {
    if (reference_date.empty()) return {};
    return reference_date + "T" + (reference_time.empty() ? std::string("00:00") : reference_time) + ":00" +
           (utc_offset.empty() ? std::string("+00:00") : utc_offset);
}

namespace {
bool digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}
int number(std::string_view s) {
    int v = 0;
    std::from_chars(s.data(), s.data() + s.size(), v);
    return v;
}
bool valid_time(std::string_view t) {
    return t.size() == 5 && t[2] == ':' && digits(t.substr(0, 2)) && digits(t.substr(3, 2)) &&
           number(t.substr(0, 2)) < 24 && number(t.substr(3, 2)) < 60;
}
bool valid_offset(std::string_view o) {
    if (o.size() != 6 || (o[0] != '+' && o[0] != '-') || o[3] != ':' || !digits(o.substr(1, 2)) || !digits(o.substr(4, 2)))
        return false;
    const int minutes = number(o.substr(1, 2)) * 60 + number(o.substr(4, 2));
    if (minutes % 15 != 0) return false;
    return o[0] == '+' ? minutes <= 14 * 60 : minutes <= 12 * 60;
}
}  // namespace

std::optional<CensusRound> parse_census_round(const std::string& name, const std::string& moment) {
    CensusRound round;
    round.name = name;
    if (moment.empty()) return round;
    // YYYY-MM-DDTHH:MM:SS±HH:MM
    if (moment.size() != 25 || moment[10] != 'T' || moment[16] != ':') return std::nullopt;
    round.reference_date = moment.substr(0, 10);
    round.reference_time = moment.substr(11, 5);
    round.utc_offset = moment.substr(19, 6);
    if (!is_iso_date(round.reference_date) || !valid_time(round.reference_time) || !valid_offset(round.utc_offset))
        return std::nullopt;
    return round;
}

Result<CensusRound> census_round(Session& session) {
    return query<CensusRound>(session.store, [](StoreSession& tx) -> Result<CensusRound> {
        auto name = tx.settings().get(setting::kCensusRound);
        if (!name) return std::unexpected(name.error());
        auto moment = tx.settings().get(setting::kReferenceMoment);
        if (!moment) return std::unexpected(moment.error());
        auto round = parse_census_round(name->value_or(""), moment->value_or(""));
        // A value written by hand that does not parse reads as "not set" rather than failing every screen.
        if (!round) return CensusRound{name->value_or(""), {}, {}, {}};
        return *round;
    });
}

Status set_census_round(Session& session, const CensusRound& round) {
    if (auto ok = require(session.actor, Operation::ManageSettings); !ok) return ok;
    if (round.name.empty() || round.name.size() > 32 ||
        std::any_of(round.name.begin(), round.name.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; }))
        return fail(ErrorCode::InvalidInput, N_("The census round needs a name of 1 to 32 characters, such as 2026."));
    if (!is_iso_date(round.reference_date))
        return fail(ErrorCode::InvalidInput, N_("The reference date {} is not a date (YYYY-MM-DD)."), {round.reference_date});
    if (!valid_time(round.reference_time))
        return fail(ErrorCode::InvalidInput, N_("The reference time {} is not a time of day (HH:MM)."), {round.reference_time});
    if (!valid_offset(round.utc_offset))
        return fail(ErrorCode::InvalidInput,
                    N_("The time zone {} is not a UTC offset between -12:00 and +14:00 (such as +05:00)."), {round.utc_offset});
    const std::string moment = round.reference_moment();
    return session.store.write([&](StoreSession& tx) -> Status {
        if (auto ok = tx.settings().set(setting::kCensusRound, round.name); !ok) return ok;
        if (auto ok = tx.settings().set(setting::kReferenceMoment, moment); !ok) return ok;
        return record(tx, session, {"settings.census_round", "settings", "census_round", "",
                                    nlohmann::json{{"round", round.name}, {"reference_moment", moment}}.dump()});
    });
}

}  // namespace sanaq
