#include "ui/dashboard/dashboard_figures.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "core/domain/clock.h"
#include "core/usecases/custody.h"
#include "core/usecases/pull.h"
#include "core/usecases/settings.h"
#include "coverage/coverage_report.h"
#include "coverage/list_register.h"
#include "upstream/client/outbox.h"

namespace sanaq::ui {
namespace {

constexpr std::size_t kDetailLines = 3;  // kits named on a warning tile; the screen behind has all

void keep_first(std::vector<DashboardFigures::Detail>& lines) {
    if (lines.size() > kDetailLines) lines.resize(kDetailLines);
}

/// The tablet a pull came from: its kit, else its USB serial, else where it was read.
std::string tablet_of(const PullRecord& p) {
    if (!p.kit_number.empty()) return p.kit_number;
    if (!p.usb_serial.empty()) return p.usb_serial;
    return p.source;
}

std::string signed_number(std::int64_t s) { return (s > 0 ? "+" : "") + std::to_string(s); }

}  // namespace

std::string local_date_of_utc(const std::string& iso_utc) {
    const auto t = parse_utc(iso_utc);
    return t ? local_date(*t) : std::string{};
}

DashboardFigures read_dashboard(Session& session) {
    DashboardFigures f;
    f.today = local_date(session.clock.now());
    if (auto calendar = census_calendar(session)) f.next_date = next_milestone(*calendar, f.today);
    const Role role = session.actor.role;

    // Kits first: the pulls name their holders from the outstanding list.
    std::map<std::string, const OutstandingKit*> out_by_kit;
    std::vector<OutstandingKit> outstanding;
    if (permits(role, Operation::ViewKits)) {
        if (auto rows = outstanding_kits(session)) {
            outstanding = std::move(*rows);
            DashboardFigures::Kits kits;
            kits.outstanding = static_cast<std::int64_t>(outstanding.size());
            std::vector<const OutstandingKit*> overdue;
            for (const auto& k : outstanding) {
                out_by_kit[k.kit.number] = &k;
                if (k.overdue) overdue.push_back(&k);
            }
            std::ranges::stable_sort(overdue, [](auto* a, auto* b) { return a->days_out > b->days_out; });
            kits.overdue = static_cast<std::int64_t>(overdue.size());
            for (auto* k : overdue) kits.overdue_kits.push_back(k->kit.number);
            if (kits.overdue > 0) {
                DashboardFigures::Warning w{DashboardFigures::WarningKind::OverdueKits, DashboardLink::OutstandingKits,
                                            kits.overdue, {}};
                for (auto* k : overdue) w.details.push_back({k->kit.number, std::to_string(k->days_out)});
                keep_first(w.details);
                f.warnings.push_back(std::move(w));
            }
            f.kits = std::move(kits);
        } else {
            f.problems.push_back(rows.error());
        }
    }

    if (permits(role, Operation::ViewDevices)) {
        if (auto history = pull_history(session, "", 0)) {
            DashboardFigures::Pulls pulls;
            std::set<std::string> tablets_today, seen;
            DashboardFigures::Warning gaps{DashboardFigures::WarningKind::SequenceGap, DashboardLink::PullHistory};
            DashboardFigures::Warning unfinished{DashboardFigures::WarningKind::UnfinishedPull, DashboardLink::PullHistory};
            DashboardFigures::Warning skew{DashboardFigures::WarningKind::ClockSkew, DashboardLink::PullHistory};
            for (const PullRecord& p : *history) {  // newest first
                const std::string tablet = tablet_of(p);
                if (local_date_of_utc(p.started_at_utc) == f.today) {
                    DashboardFigures::TodayPull t;
                    t.started_at_utc = p.started_at_utc;
                    t.kit_number = p.kit_number;
                    t.outcome = p.outcome;
                    t.persons = p.persons;
                    t.households = p.households;
                    if (auto it = out_by_kit.find(p.kit_number); it != out_by_kit.end()) {
                        t.holder = it->second->holder.full_name;
                        t.institution_kk = it->second->institution.name_kk;
                        t.institution_ru = it->second->institution.name_ru;
                    }
                    pulls.today.push_back(std::move(t));
                    tablets_today.insert(tablet);
                    pulls.persons += p.persons;
                    pulls.households += p.households;
                }
                // What each tablet's latest pull left behind is what still needs doing.
                if (!seen.insert(tablet).second) continue;
                if (!p.missing_sequences.empty()) {
                    ++gaps.count;
                    gaps.details.push_back({tablet, p.missing_sequences});
                }
                if (p.outcome != PullOutcome::Complete || p.packages_left > 0) {
                    ++unfinished.count;
                    unfinished.details.push_back({tablet, {}});
                }
                if (p.clock_skew_seconds != 0) {
                    ++skew.count;
                    skew.details.push_back({tablet, signed_number(p.clock_skew_seconds)});
                }
            }
            pulls.tablets = static_cast<std::int64_t>(tablets_today.size());
            f.pulls = std::move(pulls);
            for (auto* w : {&gaps, &unfinished, &skew}) {
                if (w->count == 0) continue;
                keep_first(w->details);
                f.warnings.push_back(std::move(*w));
            }
        } else {
            f.problems.push_back(history.error());
        }
    }

    if (permits(role, Operation::ManageQuarantine)) {
        if (auto q = list_quarantine(session, false)) {
            if (!q->empty()) {
                DashboardFigures::Warning w{DashboardFigures::WarningKind::Quarantined, DashboardLink::Quarantine,
                                            static_cast<std::int64_t>(q->size())};
                for (const auto& p : *q)
                    w.details.push_back(p.kit_number.empty() ? DashboardFigures::Detail{p.file_name, {}}
                                                             : DashboardFigures::Detail{p.kit_number, p.file_name});
                keep_first(w.details);
                f.warnings.push_back(std::move(w));
            }
        } else {
            f.problems.push_back(q.error());
        }
    }

    if (permits(role, Operation::ViewCoverage)) {
        if (auto report = coverage_report(session, CoverageLevel::Institution)) {
            std::ranges::stable_sort(report->rows, [](const CoverageRow& a, const CoverageRow& b) {
                // Institutions with a list first, lowest coverage first: those need attention.
                if ((a.listed > 0) != (b.listed > 0)) return a.listed > 0;
                return a.coverage_percent() < b.coverage_percent();
            });
            f.coverage = std::move(*report);
        } else {
            f.problems.push_back(report.error());
        }
    }

    if (permits(role, Operation::ViewCoverage)) {
        if (auto reg = list_register(session))
            f.lists = reg->tally;
        else
            f.problems.push_back(reg.error());
    }
    if (permits(role, Operation::ViewUpstream)) {
        if (auto st = upstream::upstream_status(session, 1)) {
            f.upstream = DashboardFigures::Upstream{st->stats, st->config.has_value()};
            if (st->stats.batches_held > 0)
                f.warnings.push_back({DashboardFigures::WarningKind::HeldBatches, DashboardLink::Upstream, st->stats.batches_held, {}});
        } else {
            f.problems.push_back(st.error());
        }
    }

    // The most pressing first: data that may be lost, then what blocks the send, then the rest.
    auto rank = [](DashboardFigures::WarningKind k) {
        switch (k) {
            case DashboardFigures::WarningKind::SequenceGap: return 0;
            case DashboardFigures::WarningKind::Quarantined: return 1;
            case DashboardFigures::WarningKind::UnfinishedPull: return 2;
            case DashboardFigures::WarningKind::HeldBatches: return 3;
            case DashboardFigures::WarningKind::ClockSkew: return 4;
            case DashboardFigures::WarningKind::OverdueKits: return 5;
        }
        return 6;
    };
    std::ranges::stable_sort(f.warnings, [&](const auto& a, const auto& b) { return rank(a.kind) < rank(b.kind); });
    return f;
}

}  // namespace sanaq::ui
