#pragma once
// Acts of acceptance and transfer (акт приема-передачи / қабылдау-тапсыру актісі). An act is an
// official document: once made, its content is frozen as a snapshot so a reprint years later
// shows exactly what both sides signed, whatever has changed in the registers since.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/domain/institution.h"
#include "core/domain/kit.h"

namespace sanaq {

enum class ActKind { Issue, Return };
std::string_view act_kind_code(ActKind kind);  // "issue", "return"

/// What happened to one component under this act.
enum class LineOutcome {
    Handed,           // issue act: handed over to the employee
    ReturnedInOrder,  // return act
    Damaged,
    Missing,
};
std::string_view line_outcome_code(LineOutcome outcome);
std::optional<LineOutcome> parse_line_outcome(std::string_view code);
const char* line_outcome_label(LineOutcome outcome);

struct ActLine {
    std::string kit_number;
    ComponentType component = ComponentType::Tablet;
    std::string serial;
    std::string description;  // tablet model etc.; free text
    LineOutcome outcome = LineOutcome::Handed;
    std::string note;
};

struct PaperLine {
    PaperItem item = PaperItem::Explanations;
    int handed = 0;    // issue act
    int returned = 0;  // return act: unused copies brought back
    int used = 0;      // return act: copies used (certificates given to respondents)
};

/// The department's own details as they appear on its acts (settings).
struct Department {
    std::string name_kk;
    std::string name_ru;
    std::string address;
    std::string head_name;   // who signs for the department
};

struct Act {
    std::string number;           // "SQ-I-2026-000001" (kind letter, year, sequence)
    ActKind kind = ActKind::Issue;
    std::string date;             // local date of signing, YYYY-MM-DD
    std::string created_at_utc;   // ISO 8601 with Z
    Department department;
    std::string officer;          // the workstation user who made the act (signs for the department)
    Institution institution;
    ResponsibleEmployee employee;
    std::vector<ActLine> lines;
    std::vector<PaperLine> paper;
    std::string due_date;         // issue act: agreed return date, YYYY-MM-DD (may be empty)
    std::string note;
    /// The legal basis the census calendar names (the joint order's number and date, YYYY-MM-DD):
    /// printed under the title; empty on acts made before a calendar named it.
    std::string order_number, order_date;
    /// Return act: the holder's paper account after it, per item (handed, used, returned since the
    /// first hand-over). Empty on acts made before the paper ledger, which print as they did.
    std::vector<PaperBalance> paper_balance;
    /// Return act: used + returned did not come to what was handed, and the officer closed the
    /// return with the difference on record instead of waiting for the paper.
    bool paper_discrepancy = false;

    /// What the QR code on the printed act carries: enough to find the act and to notice a forged
    /// printout (the digest covers the frozen content).
    std::string qr_payload() const;
    /// SHA-256 over the canonical JSON of the act (hex, lowercase).
    std::string content_digest() const;
};

/// Canonical JSON of the act: how it is frozen in the store and what the digest covers.
std::string act_to_json(const Act& act);
Result<Act> act_from_json(const std::string& json);

}  // namespace sanaq
