// A department's whole day through the GUI, once in Kazakh and once in Russian, with every part
// real: a fresh encrypted demo workspace, a simulated tablet on real libusb through umockdev, the
// reference receiver over loopback mutual TLS, the real windows under Xvfb.
//
//   morning   the officer registers an institution and its responsible employee, registers a new
//             kit and issues it to that employee (the issue act);
//   midday    the tablet comes back and is plugged in: the Devices screen sees it arrive, its
//             device key is read from it and enrolled, it is pulled, then unplugged;
//   afternoon the institution's list is imported through the wizard and reconciled; the
//             supervisor decides a review item with the keyboard and sends the day's records to
//             the census database (the reference receiver holds each exactly once);
//   evening   the kit comes back without its charger (the return act says what is owed); the
//             dashboard shows the day; the administrator checks the audit trail.
//
// Screenshots of every screen and dialog go to <screenshots>/<lang>/day-NN-*.png.
#include <boost/test/unit_test.hpp>
#include <wx/button.h>
#include <wx/checklst.h>
#include <wx/choice.h>
#include <wx/datectrl.h>
#include <wx/dialog.h>
#include <wx/listbox.h>
#include <wx/listctrl.h>
#include <wx/radiobut.h>
#include <wx/spinctrl.h>
#include <wx/stattext.h>
#include <wx/statusbr.h>
#include <wx/textctrl.h>

#include <algorithm>
#include <fstream>

#include "census_sim/census_sim.h"
#include "core/usecases/audit_review.h"
#include "core/usecases/custody.h"
#include "core/usecases/devices.h"
#include "core/usecases/kit_registry.h"
#include "core/usecases/pull.h"
#include "core/usecases/registry.h"
#include "coverage/review.h"
#include "devices/mock_usb.h"
#include "simulator/responder.h"
#include "support/temp_dir.h"
#include "ui/acts/act_preview_dialog.h"
#include "ui/app/ui_language.h"
#include "ui/audit/audit_panel.h"
#include "ui/common/button_labels.h"
#include "ui/common/reason_dialog.h"
#include "ui/common/optional_date_picker.h"
#include "ui/coverage/coverage_panel.h"
#include "ui/dashboard/dashboard_panel.h"
#include "ui/devices/devices_panel.h"
#include "ui/devices/enrol_key_dialog.h"
#include "ui/institutions/institution_dialog.h"
#include "ui/institutions/institutions_panel.h"
#include "ui/institutions/staff_dialog.h"
#include "ui/kits/issue_wizard.h"
#include "ui/kits/kit_list_view.h"
#include "ui/kits/kits_panel.h"
#include "ui/kits/register_kit_dialog.h"
#include "ui/kits/return_dialog.h"
#include "ui/lists/list_import_wizard.h"
#include "ui/login/login_dialog.h"
#include "ui/lists/list_preview_view.h"
#include "ui/lists/lists_panel.h"
#include "ui/main/main_frame.h"
#include "ui/review/review_panel.h"
#include "ui/review/review_queue_view.h"
#include "ui/station_fixture.h"
#include "ui/ui_driver.h"
#include "ui/uncertain_list.h"
#include "ui/upstream/upstream_panel.h"
#include "upstream/client/outbox.h"
#include "support/job_expectations.h"
#include "support/receiver_fixture.h"
#include "support/upstream_configuration.h"

namespace sanaq::test {
namespace {

constexpr std::uint64_t kSeed = 4711;
constexpr const char* kKit = "KIT-0100";
constexpr std::int64_t kPersons = 360;
constexpr int kPackages = 3;

std::string utf8(const wxString& s) { return s.utf8_string(); }

/// A label as GTK writes it: the mnemonic marked with "_".
wxString gtk_form(wxString label) {
    label.Replace("&", "_");
    return label;
}

int choice_index_containing(wxChoice* choice, const std::string& text) {
    for (unsigned i = 0; i < choice->GetCount(); ++i)
        if (utf8(choice->GetString(i)).find(text) != std::string::npos) return static_cast<int>(i);
    return -1;
}

/// The row of the USB tablet with this serial on the Devices screen.
std::optional<std::size_t> usb_tablet_row(const ui::DevicesPanel& panel, const std::string& serial) {
    for (std::size_t i = 0; i < panel.tablets().size(); ++i)
        if (!panel.tablets()[i].simulated && panel.tablets()[i].usb_serial == serial) return i;
    return std::nullopt;
}

void select_row(wxListCtrl* list, long row) {
    list->SetFocus();
    list->SetItemState(row, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
    pump_for(50ms);
}

/// The administrator set sending up when the workstation was installed (`sanaq upstream configure`),
/// signed in as themselves: their member key signs the settings and the audit entry.
void configure_sending(Session& admin, const ReceiverProcess& receiver) {
    // 200 records a batch: the day's records in a few batches.
    auto configured = upstream::configure_upstream(admin, test_upstream_configuration(receiver.url(), 200));
    BOOST_REQUIRE_MESSAGE(configured, "configure_upstream: " << (configured ? "" : configured.error().message_id));
}

void department_day(const std::string& lang) {
    BOOST_REQUIRE_MESSAGE(MockUsb::preload_active(), "run under the umockdev preload (ctest does)");
    ui::apply_ui_language(lang);
    // Plugged in later; made first so that libusb starts inside the umockdev testbed.
    MockUsb usb;
    TempDir day{"sanaq-ui-day"};
    ReceiverProcess receiver(day / "census-database", {"--receipt-key", TestPki::instance().receipt_key().string()});
    const census_sim::SimulatedKit sim = census_sim::simulated_kit(kSeed, kKit);
    const Institution& school = sim.institution;
    auto shot = [&](wxTopLevelWindow* w, const std::string& name) { screenshot(w, lang, "day-" + name); };

    StationRun run;
    run.begin();
    BOOST_REQUIRE(run.wait_until_ready());
    shot(run.station().login_dialog(), "01-login");
    ui::MainFrame* frame = run.sign_in("admin");
    BOOST_REQUIRE(frame);
    configure_sending(run.session(), receiver);
    frame = run.switch_user("officer");
    BOOST_REQUIRE_MESSAGE(frame, "the officer could not sign in");
    BOOST_CHECK(frame->current_screen() == ui::MainFrame::Screen::Dashboard);
    BOOST_REQUIRE(pump_until([&] { return !frame->dashboard_panel()->loading(); }, 30s));
    shot(frame, "02-dashboard-morning");

    // ===== Morning: the institution, its responsible employee, a new kit, the issue ============
    BOOST_REQUIRE(frame->show_screen(ui::MainFrame::Screen::Institutions));
    ui::InstitutionsPanel* institutions = frame->institutions_panel();
    ModalScript add_school;
    add_school.when<ui::InstitutionDialog>("new institution", [&](ui::InstitutionDialog& d) {
        type(d.bin_field(), wxString::FromUTF8(school.bin));
        type(d.name_kk_field(), wxString::FromUTF8(school.name_kk));
        type(d.name_ru_field(), wxString::FromUTF8(school.name_ru));
        choose(d.type_choice(), static_cast<int>(school.type));
        type(d.kato_field(), wxString::FromUTF8(school.kato.code));
        BOOST_REQUIRE(d.kato_version_choice()->SetStringSelection(wxString::FromUTF8(school.kato.classifier_version)));
        // Cancel in the session's language, not GTK's stock label in the desktop's.
        BOOST_CHECK_EQUAL(ui::buttons_showing_stock_labels(&d), 0);
        if (auto* cancel = dynamic_cast<wxButton*>(d.FindWindow(wxID_CANCEL)))
            BOOST_CHECK_MESSAGE(ui::shown_button_label(cancel) == gtk_form(cancel->GetLabel()),
                                utf8(ui::shown_button_label(cancel)));
        shot(&d, "03-institution-new");
        BOOST_REQUIRE(press(&d, wxID_OK));
    });
    BOOST_REQUIRE(press(institutions->add_institution_button()));
    BOOST_CHECK_MESSAGE(add_school.finished() && add_school.failures().empty(), add_school.report());
    BOOST_REQUIRE_MESSAGE(find_institution(run.session(), school.bin), "the institution is registered");

    ModalScript add_employee;
    add_employee.when<ui::StaffDialog>("responsible employee", [&](ui::StaffDialog& d) {
        type(d.iin_field(), wxString::FromUTF8(sim.responsible.iin));
        type(d.name_field(), wxString::FromUTF8(sim.responsible.full_name));
        shot(&d, "04-employee-new");
        BOOST_REQUIRE(press(&d, wxID_OK));
    });
    BOOST_REQUIRE(press(institutions->add_employee_button()));
    BOOST_CHECK_MESSAGE(add_employee.finished() && add_employee.failures().empty(), add_employee.report());
    BOOST_CHECK_EQUAL(institutions->staff().size(), 1u);
    shot(frame, "05-institutions");

    BOOST_REQUIRE(frame->show_screen(ui::MainFrame::Screen::Kits));
    ui::KitsPanel* kits = frame->kits_panel();
    ModalScript register_kit;
    register_kit.when<ui::RegisterKitDialog>("new kit", [&](ui::RegisterKitDialog& d) {
        type(d.number_field(), kKit);
        type(d.tablet_serial_field(), "R9PW100DAY");
        type(d.usb_serial_field(), wxString::FromUTF8(sim.usb_serial));
        if (wxTextCtrl* charger = d.component_field(ComponentType::Charger)) type(charger, "CH-100-DAY");
        shot(&d, "06-kit-register");
        BOOST_REQUIRE(press(&d, wxID_OK));
    });
    BOOST_REQUIRE(press(kits->register_button()));
    BOOST_CHECK_MESSAGE(register_kit.finished() && register_kit.failures().empty(), register_kit.report());
    auto registered = find_kit(run.session(), kKit);
    BOOST_REQUIRE_MESSAGE(registered, "the kit is registered");
    BOOST_CHECK(registered->state == KitState::InStock);
    BOOST_REQUIRE(kits->list()->selected_kit() && kits->list()->selected_kit()->number == kKit);

    std::string issue_act;
    ModalScript issue;
    issue.when<ui::IssueWizard>("issue wizard", [&](ui::IssueWizard& w) {
        BOOST_CHECK(w.chosen_kits() == std::vector<std::string>{kKit});
        shot(&w, "07-issue-kit");
        BOOST_REQUIRE(press(w.next_button()));
        const int at = choice_index_containing(w.institution_choice(), school.bin);
        BOOST_REQUIRE_MESSAGE(at >= 0, "the new institution is offered");
        choose(w.institution_choice(), at);
        BOOST_REQUIRE_EQUAL(w.staff_list()->GetCount(), 1u);
        choose(w.staff_list(), 0);
        shot(&w, "08-issue-receiver");
        BOOST_REQUIRE(press(w.next_button()));
        w.explanations_field()->SetValue(10);
        w.certificates_field()->SetValue(40);
        w.due_date_field()->set_date(wxDateTime::Today() + wxDateSpan::Days(14));
        shot(&w, "09-issue-paper");
        BOOST_REQUIRE(press(w.next_button()));
        shot(&w, "10-issue-summary");
        BOOST_REQUIRE(press(w.finish_button()));
        BOOST_CHECK_MESSAGE(w.act().has_value(), "issue refused: " << utf8(w.error_label()->GetLabel()));
    });
    issue.when<ui::ActPreviewDialog>("issue act", [&](ui::ActPreviewDialog& p) {
        pump_until([&] { return p.pages_ready() || (!p.busy() && !p.outcome().empty()); }, 30s);
        BOOST_CHECK(p.pages_ready());
        issue_act = p.act().number;
        shot(&p, "11-issue-act");
        press(p.close_button());
    });
    BOOST_REQUIRE(press(kits->issue_button()));
    BOOST_CHECK_MESSAGE(issue.finished() && issue.failures().empty(), issue.report());
    BOOST_CHECK(!issue_act.empty());
    BOOST_REQUIRE(find_kit(run.session(), kKit)->state == KitState::Issued);

    // ===== Midday: the tablet comes back and is plugged in =====================================
    // What the enumerators did offline: the tablet's shared storage with its packages, signed by
    // its own device key, sealed to the department's key (put on it at issue time).
    auto department = department_public_keys(run.session());
    BOOST_REQUIRE(department);
    census_sim::MakePackagesRequest made_request;
    made_request.kit_number = kKit;
    made_request.department_public_file_text = *department;
    made_request.persons = kPersons;
    made_request.packages = kPackages;
    made_request.seed = kSeed;
    auto made = census_sim::make_packages(day / "tablet", made_request);
    BOOST_REQUIRE_MESSAGE(made, "make_packages");

    BOOST_REQUIRE(frame->show_screen(ui::MainFrame::Screen::Devices));
    ui::DevicesPanel* devices = frame->devices_panel();
    const std::size_t demo_tablets = devices->tablets().size();
    sim::ResponderOptions options;
    options.serial = sim.usb_serial;
    MockTablet& cable = usb.plug(1, std::make_shared<sim::MtpResponder>(day / "tablet", options));
    BOOST_REQUIRE_MESSAGE(pump_until([&] { return usb_tablet_row(*devices, sim.usb_serial).has_value(); }, 20s),
                          "the plugged tablet appears on the Devices screen");
    std::size_t row = *usb_tablet_row(*devices, sim.usb_serial);
    {
        const auto& t = devices->tablets()[row];
        BOOST_REQUIRE(t.identity && t.identity->kit);
        BOOST_CHECK_EQUAL(t.identity->kit->number, kKit);  // known by its USB serial
        BOOST_REQUIRE(t.identity->holder);
        BOOST_CHECK_EQUAL(t.identity->holder->full_name, sim.responsible.full_name);
        BOOST_CHECK(!t.identity->key_enrolled);
    }
    BOOST_CHECK_MESSAGE(devices->last_notice().Contains(wxString::FromUTF8(kKit)), utf8(devices->last_notice()));
    select_row(devices->tablet_list(), static_cast<long>(row));
    shot(frame, "12-devices-plugged");

    // Its device key, read from the tablet over USB, enrolled on its kit.
    ModalScript enrol;
    enrol.when<ui::EnrolKeyDialog>("enrol key", [&](ui::EnrolKeyDialog& d) {
        BOOST_CHECK(d.from_tablet()->GetValue());
        BOOST_CHECK(d.kit_field()->GetValue() == kKit);
        shot(&d, "13-devices-enrol-key");
        BOOST_REQUIRE(press(&d, wxID_OK));
    });
    BOOST_REQUIRE(press(devices->enrol_button()));
    BOOST_REQUIRE_MESSAGE(pump_until([&] { return enrol.finished(); }, 30s), enrol.report());
    BOOST_CHECK_MESSAGE(enrol.failures().empty(), enrol.report());
    row = *usb_tablet_row(*devices, sim.usb_serial);
    BOOST_REQUIRE(devices->tablets()[row].identity);
    BOOST_CHECK(devices->tablets()[row].identity->key_enrolled);

    select_row(devices->tablet_list(), static_cast<long>(row));
    BOOST_REQUIRE(press(devices->pull_button()));
    BOOST_REQUIRE(pump_until([&] { return !devices->pulling(); }, 120s));
    BOOST_REQUIRE_EQUAL(devices->last_results().size(), 1u);
    const auto& pulled = devices->last_results().front();
    BOOST_REQUIRE_MESSAGE(pulled, "the pull started");
    BOOST_CHECK((pulled->outcome == PullOutcome::Complete));
    BOOST_CHECK_EQUAL(pulled->packages_received, kPackages);
    BOOST_CHECK_EQUAL(pulled->persons_stored, made->persons);
    BOOST_CHECK_EQUAL(pulled->kit_number, kKit);
    BOOST_CHECK_EQUAL(census_stats(run.session())->persons, made->persons);
    // Receipts went back to the tablet over the same cable.
    BOOST_CHECK(std::filesystem::exists(day / "tablet" / "Documents" / "Sanaq" / "receipts"));
    shot(frame, "14-devices-pulled");

    usb.unplug(cable);
    BOOST_REQUIRE_MESSAGE(pump_until([&] { return !usb_tablet_row(*devices, sim.usb_serial); }, 20s),
                          "the unplugged tablet leaves the list");
    BOOST_CHECK_EQUAL(devices->tablets().size(), demo_tablets);

    // ===== Afternoon: the institution's list, the reconciliation ===============================
    BOOST_REQUIRE(frame->show_screen(ui::MainFrame::Screen::Lists));
    ui::ListsPanel* lists = frame->lists_panel();
    const census_sim::MakeListRequest list_request{.kit_number = kKit, .persons = kPersons, .seed = kSeed, .lang = lang};
    const std::string as_of = write_uncertain_list(day / "list.csv", list_request, 6);
    ModalScript import;
    std::optional<StoredList> stored;
    import.when<ui::ListImportWizard>("list import", [&](ui::ListImportWizard& w) {
        const int at = choice_index_containing(w.institution_choice(), school.bin);
        BOOST_REQUIRE(at >= 0);
        choose(w.institution_choice(), at);
        type(w.file_field(), wxString::FromUTF8((day / "list.csv").string()));
        wxDateTime date;
        BOOST_REQUIRE(date.ParseISODate(wxString::FromUTF8(as_of)));
        w.as_of_field()->SetValue(date);
        shot(&w, "15-list-source");
        BOOST_REQUIRE(press(w.next_button()));
        BOOST_REQUIRE(pump_until([&] { return !w.busy(); }, 60s));
        BOOST_REQUIRE_MESSAGE(w.step() == ui::ListImportWizard::kPreview, "preview: " << utf8(w.error_label()->GetLabel()));
        BOOST_REQUIRE(w.preview() && w.preview()->preview.usable());
        BOOST_CHECK_GT(w.preview()->preview.importable_count(), 200);
        shot(&w, "16-list-preview");
        BOOST_REQUIRE(press(w.finish_button()));
        BOOST_REQUIRE(pump_until([&] { return !w.busy(); }, 60s));
        stored = w.imported();
        BOOST_CHECK_MESSAGE(stored, "import refused: " << utf8(w.error_label()->GetLabel()));
    });
    BOOST_REQUIRE(press(lists->import_button()));
    BOOST_CHECK_MESSAGE(import.finished() && import.failures().empty(), import.report());
    BOOST_REQUIRE(stored);
    shot(frame, "17-lists");

    BOOST_REQUIRE(frame->show_screen(ui::MainFrame::Screen::Coverage));
    ui::CoveragePanel* coverage = frame->coverage_panel();
    BOOST_REQUIRE(pump_until([&] { return !coverage->loading(); }, 60s));
    BOOST_REQUIRE(press(coverage->reconcile_button()));
    BOOST_REQUIRE(pump_until([&] { return !coverage->reconciling(); }, 300s));
    BOOST_REQUIRE(coverage->last_reconcile());
    BOOST_REQUIRE_MESSAGE(*coverage->last_reconcile(), "reconciliation: " << utf8(coverage->last_notice()));
    BOOST_REQUIRE(pump_until([&] { return !coverage->loading(); }, 60s));
    BOOST_REQUIRE(coverage->report());
    const auto& rows = coverage->report()->rows;
    const auto ours = std::ranges::find_if(rows, [&](const CoverageRow& r) { return r.key == school.bin; });
    BOOST_REQUIRE_MESSAGE(ours != rows.end(), "the institution has a coverage row");
    BOOST_CHECK_EQUAL(ours->listed, stored->rows_imported);
    BOOST_CHECK_GT(ours->coverage_percent(), 60.0);
    shot(frame, "18-coverage");

    // ===== The supervisor: a review item by keyboard, then the day's records upstream ==========
    frame = run.switch_user("supervisor");
    BOOST_REQUIRE(frame->show_screen(ui::MainFrame::Screen::Review));
    ui::ReviewPanel* review = frame->review_panel();
    BOOST_REQUIRE_MESSAGE(!review->queue().empty(), "the reconciliation proposed pairs to review");
    const std::int64_t first_item = review->queue().front().id;
    shot(frame, "19-review");
    ModalScript decide;
    decide.when<ui::ReasonDialog>("reason", [&](ui::ReasonDialog& d) {
        type(d.reason_field(), lang == "kk" ? wxString::FromUTF8("Бір адам: әкесінің аты тізімде қате жазылған")
                                            : wxString::FromUTF8("Один человек: отчество в списке с ошибкой"));
        shot(&d, "20-review-reason");
        BOOST_REQUIRE(press(&d, wxID_OK));
    });
    review->queue_list()->SetFocus();
    hook_key(review->queue_list(), 'M');
    BOOST_CHECK_MESSAGE(decide.finished() && decide.failures().empty(), decide.report());
    BOOST_CHECK(std::ranges::none_of(review->queue(), [&](const ReviewItem& i) { return i.id == first_item; }));

    BOOST_REQUIRE(frame->show_screen(ui::MainFrame::Screen::Upstream));
    ui::UpstreamPanel* upstream_screen = frame->upstream_panel();
    BOOST_REQUIRE(pump_until([&] { return !upstream_screen->loading(); }, 60s));
    BOOST_REQUIRE(upstream_screen->status() && upstream_screen->status()->config);
    BOOST_CHECK_GT(upstream_screen->status()->stats.pending_persons, 0);
    BOOST_REQUIRE(press(upstream_screen->send_button()));
    BOOST_REQUIRE(pump_until([&] { return !upstream_screen->sending(); }, 120s));
    BOOST_REQUIRE(upstream_screen->last_send());
    BOOST_REQUIRE_MESSAGE(*upstream_screen->last_send(), "send: " << utf8(upstream_screen->last_notice()));
    const upstream::SendReport& sent = **upstream_screen->last_send();
    BOOST_CHECK_GT(sent.batches_accepted, 0);
    BOOST_CHECK_EQUAL(sent.batches_accepted, sent.batches_formed);
    BOOST_REQUIRE(pump_until([&] { return !upstream_screen->loading(); }, 60s));
    BOOST_CHECK_EQUAL(upstream_screen->status()->stats.pending_persons, 0);
    shot(frame, "21-upstream-sent");
    // The census database holds every record of the day once: the pulled tablet's and the demo's.
    const auto held = receiver_stats(receiver.store());
    const auto stats = census_stats(run.session());
    BOOST_REQUIRE(stats);
    BOOST_CHECK_EQUAL(held.persons, stats->persons);
    BOOST_CHECK_EQUAL(held.records_received_more_than_once, 0);
    expect_everything_sent_once(run.session(), stats->persons);
    // The tablet's key and its pull, as `sanaq kit enroll-device` and `sanaq pull` leave them
    // (tests/cli test_cli_pull asserts the same).
    expect_device_key_enrolled_from_the_tablet(run.session(), kKit,
                                               read_file(day / "tablet" / "Documents" / "Sanaq" / "device-key.pem"));
    expect_kit_pulled_once(run.session(), kKit, kPackages, made->persons);

    // ===== Evening: the kit comes back without its charger =====================================
    frame = run.switch_user("officer");
    BOOST_REQUIRE(frame->show_screen(ui::MainFrame::Screen::Kits));
    kits = frame->kits_panel();
    type(kits->filter_field(), kKit);
    kits->refresh();
    BOOST_REQUIRE(kits->list()->select_kit(kKit));
    pump_for(100ms);
    ModalScript give_back;
    give_back.when<ui::ReturnDialog>("return", [&](ui::ReturnDialog& d) {
        wxChoice* charger = d.outcome_choice(ComponentType::Charger);
        BOOST_REQUIRE(charger);
        choose(charger, 2);  // Returned in order / Damaged / Missing
        d.note_field(ComponentType::Charger)->SetValue(lang == "kk" ? wxString::FromUTF8("Мектепте қалып қойған")
                                                                    : wxString::FromUTF8("Оставлено в школе"));
        d.certificates_used_field()->SetValue(31);
        BOOST_CHECK_EQUAL(ui::buttons_showing_stock_labels(&d), 0);
        shot(&d, "22-return");
        BOOST_REQUIRE(press(&d, wxID_OK));
        BOOST_CHECK_MESSAGE(d.act().has_value(), "return refused: " << utf8(d.error_label()->GetLabel()));
    });
    give_back.when<ui::ActPreviewDialog>("return act", [&](ui::ActPreviewDialog& p) {
        pump_until([&] { return p.pages_ready() || (!p.busy() && !p.outcome().empty()); }, 30s);
        BOOST_CHECK(p.pages_ready());
        shot(&p, "23-return-act");
        press(p.close_button());
    });
    BOOST_REQUIRE(press(kits->return_button()));
    BOOST_CHECK_MESSAGE(give_back.finished() && give_back.failures().empty(), give_back.report());
    auto returned = find_kit(run.session(), kKit);
    BOOST_REQUIRE(returned);
    BOOST_CHECK(returned->state == KitState::PartlyReturned);
    BOOST_CHECK(owed_components(*returned) == std::vector<ComponentType>{ComponentType::Charger});
    auto acts = list_acts(run.session(), kKit);
    BOOST_REQUIRE(acts);
    BOOST_CHECK_EQUAL(acts->size(), 2u);
    shot(frame, "24-kits-evening");

    BOOST_REQUIRE(frame->show_screen(ui::MainFrame::Screen::Dashboard));
    ui::DashboardPanel* dashboard = frame->dashboard_panel();
    BOOST_REQUIRE(pump_until([&] { return !dashboard->loading(); }, 30s));
    BOOST_REQUIRE(dashboard->figures() && dashboard->figures()->pulls);
    const auto& today = dashboard->figures()->pulls->today;
    BOOST_CHECK(std::ranges::any_of(today, [](const auto& p) { return p.kit_number == kKit && p.outcome == PullOutcome::Complete; }));
    shot(frame, "25-dashboard-evening");

    // ===== The administrator: the day is on the audit trail, and the trail is intact ==========
    frame = run.switch_user("admin");
    BOOST_REQUIRE(frame->show_screen(ui::MainFrame::Screen::Audit));
    frame->audit_panel()->reload();
    auto verified = verify_audit(run.session());
    BOOST_REQUIRE(verified);
    BOOST_CHECK_MESSAGE(verified->intact(), "broken at " << verified->first_bad_seq << ": "
                                                         << audit_problem_label(verified->problem));
    shot(frame, "26-audit");
    BOOST_REQUIRE(frame->show_screen(ui::MainFrame::Screen::Settings));
    shot(frame, "27-settings");
}

}  // namespace

// wxGTK gives a button labelled with its id's stock label (OK, Cancel, Close) to GTK's stock
// items, which GTK translates in the desktop's locale. Once a window is shown, ours are back.
BOOST_AUTO_TEST_CASE(standard_buttons_keep_the_sessions_language, *boost::unit_test::timeout(60)) {
    ui::apply_ui_language("kk");
    wxDialog dialog(nullptr, wxID_ANY, "buttons");
    auto* cancel = new wxButton(&dialog, wxID_CANCEL, _("&Cancel"));
    BOOST_CHECK(cancel->GetLabel() != "&Cancel");  // the catalog is there
    BOOST_CHECK_EQUAL(ui::buttons_showing_stock_labels(&dialog), 1);  // as wxGTK made it
    dialog.Show();
    pump_for(100ms);
    BOOST_CHECK_EQUAL(ui::buttons_showing_stock_labels(&dialog), 0);
    BOOST_CHECK_MESSAGE(ui::shown_button_label(cancel) == gtk_form(cancel->GetLabel()), utf8(ui::shown_button_label(cancel)));
    dialog.Hide();
}

BOOST_AUTO_TEST_CASE(a_department_day_in_kazakh, *boost::unit_test::timeout(600)) { department_day("kk"); }

BOOST_AUTO_TEST_CASE(a_department_day_in_russian, *boost::unit_test::timeout(600)) { department_day("ru"); }

}  // namespace sanaq::test
