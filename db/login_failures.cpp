#include "db/login_failures.h"

#include <algorithm>
#include <fstream>
#include <iterator>

#include <nlohmann/json.hpp>

#include "core/io/atomic_file.h"

namespace sanaq::db {

std::chrono::seconds failure_delay(int n) {
    if (n <= 1) return std::chrono::seconds(0);
    if (n >= 7) return std::chrono::seconds(30);
    return std::chrono::seconds(std::min(30, 1 << (n - 2)));
}

LoginFailures LoginFailures::load(const std::filesystem::path& dir) {
    LoginFailures out;
    out.file_ = dir / kLoginFailuresFileName;
    std::ifstream in(out.file_, std::ios::binary);
    if (!in) return out;
    try {
        const auto j = nlohmann::json::parse(std::string(std::istreambuf_iterator<char>(in), {}));
        if (j.value("format", std::string()) != "sanaq-login-failures") return out;
        for (const auto& [id, e] : j.at("slots").items())
            out.entries_[id] = Entry{e.at("count").get<int>(), e.value("last_utc", std::string())};
    } catch (const std::exception&) {
        out.entries_.clear();
    }
    return out;
}

int LoginFailures::count(std::string_view slot_id) const {
    auto it = entries_.find(slot_id);
    return it == entries_.end() ? 0 : it->second.count;
}

int LoginFailures::record_failure(std::string_view slot_id, const std::string& at_utc) {
    auto& e = entries_[std::string(slot_id)];
    e.count = std::min(e.count + 1, 1000000);
    e.last_utc = at_utc;
    const int count = e.count;
    while (entries_.size() > kMaxEntries) {
        auto oldest = entries_.end();
        for (auto it = entries_.begin(); it != entries_.end(); ++it)
            if (it->first != slot_id && (oldest == entries_.end() || it->second.last_utc < oldest->second.last_utc))
                oldest = it;
        entries_.erase(oldest);
    }
    return count;
}

bool LoginFailures::reset(std::string_view slot_id) {
    auto it = entries_.find(slot_id);
    if (it == entries_.end()) return false;
    entries_.erase(it);
    return true;
}

Status LoginFailures::save() const {
    nlohmann::ordered_json j;
    j["format"] = "sanaq-login-failures";
    j["version"] = 1;
    j["slots"] = nlohmann::ordered_json::object();
    for (const auto& [id, e] : entries_) j["slots"][id] = {{"count", e.count}, {"last_utc", e.last_utc}};
    return io::write_file_atomically(file_, j.dump(2) + "\n");
}

}  // namespace sanaq::db
