#pragma once
// A tablet kit as the joint orders describe it: the tablet with the census app, in a shock-proof
// case with pre-installed glass, a charger, a USB cable, a stylus and a power bank with its cable.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace sanaq {

enum class ComponentType {
    Tablet,
    ProtectiveCase,
    ProtectiveGlass,
    Charger,
    UsbCable,
    Stylus,
    PowerBank,
    PowerBankCable,
};
inline constexpr ComponentType kAllComponents[] = {
    ComponentType::Tablet,    ComponentType::ProtectiveCase, ComponentType::ProtectiveGlass,
    ComponentType::Charger,   ComponentType::UsbCable,       ComponentType::Stylus,
    ComponentType::PowerBank, ComponentType::PowerBankCable,
};
std::string_view component_code(ComponentType type);  // "tablet", "case", "glass", "charger", ...
std::optional<ComponentType> parse_component(std::string_view code);
const char* component_label(ComponentType type);      // English msgid

/// Where a component is, as far as the department knows.
enum class ComponentStatus {
    InPlace,   // with the kit (in stock, or with the holder while issued)
    Missing,   // not returned: the holder still owes it
    Damaged,   // returned damaged
};
std::string_view component_status_code(ComponentStatus status);
std::optional<ComponentStatus> parse_component_status(std::string_view code);
const char* component_status_label(ComponentStatus status);  // English msgid

struct Component {
    ComponentType type = ComponentType::Tablet;
    std::string serial;  // inventory or serial number where it has one
    ComponentStatus status = ComponentStatus::InPlace;
    std::string note;
};

enum class KitState { InStock, Issued, PartlyReturned, UnderRepair, WrittenOff };
std::string_view kit_state_code(KitState state);  // "in_stock", "issued", ...
std::optional<KitState> parse_kit_state(std::string_view code);
const char* kit_state_label(KitState state);      // English msgid
/// Issued or partly returned: somebody outside the department holds (part of) it.
inline bool is_outstanding(KitState s) { return s == KitState::Issued || s == KitState::PartlyReturned; }

struct Tablet {
    std::string model;
    std::string serial;
    std::string imei;        // may be empty (Wi-Fi-only tablets)
    std::string usb_serial;  // the iSerialNumber string the tablet reports over USB
};

struct Kit {
    std::string number;      // e.g. "KIT-0042"; unique
    Tablet tablet;
    std::vector<Component> components;  // one per ComponentType, Tablet first
    KitState state = KitState::InStock;
    std::string note;

    const Component* component(ComponentType type) const;
    Component* component(ComponentType type);
};

/// Fills in a standard kit: one component of each type, the tablet's serial on the Tablet line.
/// `serials` gives known serials by type; types not named get an empty serial.
Kit make_kit(std::string number, Tablet tablet,
             const std::vector<std::pair<ComponentType, std::string>>& serials = {});

/// Normalises and checks a kit before it is registered (number format, IMEI, USB serial).
Result<Kit> validate(Kit kit);

/// Counted paper census tools handed out with the kits.
enum class PaperItem { Explanations, CompletionCertificates };
inline constexpr PaperItem kAllPaperItems[] = {PaperItem::Explanations, PaperItem::CompletionCertificates};
std::string_view paper_item_code(PaperItem item);  // "explanations", "certificates"
std::optional<PaperItem> parse_paper_item(std::string_view code);
const char* paper_item_label(PaperItem item);

/// One tool as a holder's account stands: what the department handed them, what they reported as
/// used (certificates given to respondents, explanations filled in) and what they brought back.
struct PaperBalance {
    PaperItem item = PaperItem::Explanations;
    int handed = 0;
    int used = 0;
    int returned = 0;
    /// Still with the holder: neither used nor back.
    int balance() const { return handed - used - returned; }
    bool operator==(const PaperBalance&) const = default;
};

}  // namespace sanaq
