// The Upstream screen on a fresh demo workspace, in English, Russian and Kazakh: it opens
// with Ctrl+9 and says that an administrator must set the sending up; the demo tablets are pulled
// and their records wait to be batched; with the test PKI and a URL on a closed port, Send now forms
// batches on a worker thread and keeps trying while the officer is on another screen, until Cancel;
// the list shows every batch with its translated state and the problem in plain words; a server
// whose certificate is not from the pinned CA (openssl s_server with the other CA's certificate)
// stops the send with the words of failure_message("server_certificate"); Enter retries a held
// batch, Delete discards one (reason, confirmation). In English also: an accepted batch, the four
// eyes (the officer's batch waits; the supervisor releases it), the minute's timer and what an
// administrator sees. Screenshots as NN-upstream-*.png.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <wx/button.h>
#include <wx/listctrl.h>
#include <wx/menu.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>

#include "core/domain/role.h"
#include "support/temp_dir.h"
#include "ui/app/ui_language.h"
#include "ui/common/confirm_dialog.h"
#include "ui/common/reason_dialog.h"
#include "ui/devices/devices_panel.h"
#include "ui/main/main_frame.h"
#include "ui/station_fixture.h"
#include "ui/ui_driver.h"
#include "ui/upstream/batch_list_view.h"
#include "ui/upstream/upstream_labels.h"
#include "ui/upstream/upstream_panel.h"
#include "upstream/client/outbox.h"

extern char** environ;

namespace sanaq::test {
namespace {

std::string utf8(const wxString& s) { return s.utf8_string(); }
wxString tr_msgid(const char* msgid) { return wxGetTranslation(wxString::FromUTF8(msgid)); }
/// A wrapped label on one line again.
wxString flat(const wxString& label) {
    wxString s = label;
    s.Replace("\n", " ");
    return s;
}

/// A loopback port nobody listens on (bound, then closed).
int free_port() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
    socklen_t len = sizeof a;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    ::close(fd);
    return ntohs(a.sin_port);
}

bool port_answers(int port) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<std::uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
    ::close(fd);
    return ok;
}

std::string slurp(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

/// The test PKI of the upstream protocol (installer/make-test-pki.sh).
struct Pki {
    TempDir dir{"sanaq-ui-pki"};
    bool made = false;
    Pki() {
        const auto script = source_dir() / "installer" / "make-test-pki.sh";
        BOOST_REQUIRE_MESSAGE(std::filesystem::exists(script), "no " << script << " (SANAQ_SOURCE_DIR)");
        const std::string command = "bash '" + script.string() + "' '" + dir.path().string() + "' >/dev/null";
        made = std::system(command.c_str()) == 0;
        BOOST_REQUIRE_MESSAGE(made, "make-test-pki.sh failed");
    }
    std::filesystem::path operator/(const std::string& name) const { return dir / name; }
};

/// A TLS server whose certificate comes from another CA than the pinned one: `openssl s_server`.
class Impostor {
public:
    Impostor(const Pki& pki, int port) : port_(port) {
        const std::string accept = std::to_string(port);
        const std::string cert = (pki / "other-server.pem").string();
        const std::string key = (pki / "other-server.key").string();
        std::vector<std::string> args = {"openssl", "s_server", "-quiet", "-accept", accept, "-cert", cert, "-key", key};
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
        if (posix_spawnp(&pid_, "openssl", &actions, nullptr, argv.data(), environ) != 0) pid_ = 0;
        posix_spawn_file_actions_destroy(&actions);
    }
    ~Impostor() {
        if (pid_ <= 0) return;
        ::kill(pid_, SIGTERM);
        ::waitpid(pid_, nullptr, 0);
    }
    bool ready() const {
        if (pid_ <= 0) return false;
        for (int i = 0; i < 100; ++i) {
            if (port_answers(port_)) return true;
            ::usleep(50 * 1000);
        }
        return false;
    }

private:
    pid_t pid_ = 0;
    int port_;
};

Session as(Session& s, const char* user, Role role) { return Session{s.store, s.keys, s.clock, Actor{user, role}}; }

/// What `upstream configure` does, as the administrator.
void configure(Session& s, const Pki& pki, const std::string& url) {
    Session admin = as(s, "admin", Role::Administrator);
    upstream::ConfigureRequest request;
    request.url = url;
    request.ca_pem = slurp(pki / "ca.pem");
    request.client_p12 = slurp(pki / "client.p12");
    request.client_p12_password = "sanaq-test";
    request.receipt_public_pem = slurp(pki / "receipt.pub");  // sending refuses without one
    request.max_batch = 100;  // several batches from the demo tablets' records
    auto configured = upstream::configure_upstream(admin, request);
    BOOST_REQUIRE_MESSAGE(configured, "configure_upstream: " << (configured ? "" : configured.error().message_id));
}

std::string url_on(int port) { return "https://127.0.0.1:" + std::to_string(port); }

void pull_demo_tablets(ui::MainFrame* frame) {
    BOOST_REQUIRE(frame->show_screen(ui::MainFrame::Screen::Devices));
    ui::DevicesPanel* devices = frame->devices_panel();
    BOOST_REQUIRE(devices);
    devices->pull_all();
    BOOST_REQUIRE(pump_until([&] { return !devices->pulling(); }, 120s));
    for (const auto& r : devices->last_results()) BOOST_REQUIRE(r);
}

/// Opens the Upstream screen through the View menu's Ctrl+9 entry and waits for its figures.
ui::UpstreamPanel* open_upstream(ui::MainFrame* frame) {
    wxMenu* view = frame->GetMenuBar()->GetMenu(1);
    int id = wxID_NONE;
    for (wxMenuItem* item : view->GetMenuItems())
        if (item->GetItemLabel().EndsWith("\tCtrl+9")) id = item->GetId();
    BOOST_REQUIRE_MESSAGE(id != wxID_NONE, "View has a Ctrl+9 entry");
    wxCommandEvent chosen(wxEVT_MENU, id);
    chosen.SetEventObject(frame);
    frame->GetEventHandler()->ProcessEvent(chosen);
    BOOST_REQUIRE(frame->current_screen() == ui::MainFrame::Screen::Upstream);
    ui::UpstreamPanel* panel = frame->upstream_panel();
    BOOST_REQUIRE(panel);
    BOOST_REQUIRE(pump_until([&] { return !panel->loading(); }, 60s));
    BOOST_REQUIRE(panel->status());
    return panel;
}

void reload(ui::UpstreamPanel* panel) {
    panel->reload();
    BOOST_REQUIRE(pump_until([&] { return !panel->loading(); }, 60s));
    BOOST_REQUIRE(panel->status());
}

upstream::UpstreamStatus status_of(Session& s) {
    auto st = upstream::upstream_status(s, 1000);
    BOOST_REQUIRE_MESSAGE(st, "upstream_status");
    return *st;
}

std::optional<UpstreamBatch> batch_of(Session& s, const std::string& uuid) {
    for (auto& b : status_of(s).recent)
        if (b.uuid == uuid) return b;
    return std::nullopt;
}

long row_of(ui::UpstreamPanel* panel, const std::string& uuid) {
    const auto& batches = panel->batch_list()->batches();
    for (std::size_t i = 0; i < batches.size(); ++i)
        if (batches[i].uuid == uuid) return static_cast<long>(i);
    return -1;
}

/// Changes a stored batch through the store port, as a send would have left it.
void rewrite_batch(Session& s, const std::string& uuid, const std::function<void(UpstreamBatch&)>& change) {
    auto st = s.store.write([&](StoreSession& tx) -> Status {
        auto b = tx.outbox().find_batch(uuid);
        SANAQ_TRY(b);
        if (!*b) return fail(ErrorCode::NotFound, "no such batch");
        change(**b);
        return tx.outbox().update_batch(**b);
    });
    BOOST_REQUIRE_MESSAGE(st, "update_batch");
}

/// Every row says its state in the interface language, and the problem of its last attempt.
void check_rows(ui::UpstreamPanel* panel) {
    ui::BatchListView* list = panel->batch_list();
    BOOST_REQUIRE_EQUAL(list->GetItemCount(), static_cast<long>(list->batches().size()));
    for (long i = 0; i < list->GetItemCount(); ++i) {
        const UpstreamBatch& b = list->batches()[static_cast<std::size_t>(i)];
        BOOST_CHECK(list->GetItemText(i, ui::BatchListView::kState) == tr_msgid(batch_state_label(b.state)));
        BOOST_CHECK(list->GetItemText(i, ui::BatchListView::kBatch) == wxString::FromUTF8(b.uuid.substr(0, 8)));
        const bool open = b.state != BatchState::Accepted && b.state != BatchState::Discarded;
        if (!b.last_error_code.empty() && open)
            BOOST_CHECK(tr_msgid(upstream::failure_message(b.last_error_code))
                            .StartsWith(list->GetItemText(i, ui::BatchListView::kProblem)));
        if (!b.last_error_code.empty() && open)
            BOOST_CHECK(!list->GetItemText(i, ui::BatchListView::kProblem).empty());
    }
}

void walk_through_upstream(const std::string& lang, bool everything) {
    ui::apply_ui_language(lang);
    StationRun run;
    BOOST_REQUIRE(run.start());
    ui::MainFrame* frame = run.sign_in("officer");
    BOOST_REQUIRE(frame);
    Session& s = run.session();

    // --- Not configured: the screen says who sets it up; nothing can be sent ---------------------
    ui::UpstreamPanel* panel = open_upstream(frame);
    BOOST_CHECK(!panel->status()->config);
    BOOST_CHECK(flat(panel->config_label()->GetLabel()).Contains("sanaq upstream configure"));
    BOOST_CHECK(!panel->send_button()->IsEnabled());
    BOOST_CHECK(panel->send_button()->IsShown());
    BOOST_CHECK(!panel->release_button()->IsShown());  // officers do not release
    BOOST_CHECK(panel->last_success_label()->GetLabel() == _("nothing has been accepted yet"));
    const OutboxStats before = panel->status()->stats;
    BOOST_CHECK(panel->pending_label()->GetLabel().Contains(ui::persons_text(before.pending_persons)));
    BOOST_CHECK_EQUAL(panel->batch_list()->GetItemCount(), 0);
    screenshot(frame, lang, "95-upstream-not-configured");

    // The demo tablets' records wait to be batched.
    pull_demo_tablets(frame);
    panel = open_upstream(frame);
    const OutboxStats pulled = panel->status()->stats;
    BOOST_CHECK_GT(pulled.pending_persons, before.pending_persons);
    BOOST_CHECK(panel->pending_label()->GetLabel().Contains(ui::persons_text(pulled.pending_persons)));
    BOOST_CHECK(panel->pending_label()->GetLabel().Contains(ui::households_text(pulled.pending_households)));

    // --- Configured, the server unreachable: batches form, the send keeps trying until Cancel ----
    Pki pki;
    const int closed = free_port();
    configure(s, pki, url_on(closed));
    reload(panel);
    BOOST_REQUIRE(panel->status()->config);
    BOOST_CHECK(flat(panel->config_label()->GetLabel()).Contains(wxString::FromUTF8(url_on(closed))));
    BOOST_CHECK(flat(panel->config_label()->GetLabel()).Contains("ws-59-01"));
    BOOST_REQUIRE(panel->send_button()->IsEnabled());
    BOOST_REQUIRE(press(panel->send_button()));
    BOOST_CHECK(panel->sending());
    BOOST_CHECK(!panel->send_now());  // one send at a time
    BOOST_CHECK(!panel->send_button()->IsEnabled());
    BOOST_CHECK(panel->cancel_button()->IsEnabled());
    // The officer goes on working elsewhere; the UI thread stays free and the send goes on.
    BOOST_REQUIRE(frame->show_screen(ui::MainFrame::Screen::Kits));
    BOOST_CHECK(upstream::upstream_status(s, 5).has_value());
    BOOST_REQUIRE_MESSAGE(pump_until([&] { return panel->send_stage() == upstream::SendStage::Waiting; }, 60s),
                          "the send waits for its next try");
    BOOST_CHECK(panel->sending());
    BOOST_REQUIRE(frame->show_screen(ui::MainFrame::Screen::Upstream));
    BOOST_REQUIRE(pump_until([&] { return !panel->loading(); }, 60s));
    BOOST_CHECK(!panel->progress_label()->GetLabel().empty());
    screenshot(frame, lang, "96-upstream-waiting");
    BOOST_REQUIRE(press(panel->cancel_button()));
    BOOST_REQUIRE(pump_until([&] { return !panel->sending(); }, 60s));
    BOOST_REQUIRE(panel->last_send());
    BOOST_REQUIRE_MESSAGE(*panel->last_send(), "send: " << utf8(panel->last_notice()));
    const upstream::SendReport& report = **panel->last_send();
    BOOST_CHECK(report.cancelled);
    BOOST_CHECK_GE(report.batches_formed, 2);
    BOOST_CHECK_EQUAL(report.persons_formed, pulled.pending_persons);
    BOOST_CHECK_EQUAL(report.batches_accepted, 0);
    // Announced in the status bar like other long work.
    BOOST_CHECK(frame->GetStatusBar()->GetStatusText(1) == _("Sending to the census database was cancelled."));
    BOOST_REQUIRE(pump_until([&] { return !panel->loading(); }, 60s));
    const upstream::UpstreamStatus after_send = status_of(s);
    BOOST_CHECK_EQUAL(after_send.stats.pending_persons, 0);
    BOOST_CHECK_EQUAL(after_send.stats.batches_queued, report.batches_formed);
    BOOST_CHECK(panel->queued_label()->GetLabel() == ui::batches_text(report.batches_formed));
    BOOST_REQUIRE_EQUAL(panel->batch_list()->GetItemCount(), static_cast<long>(report.batches_formed));
    const auto unreachable = std::ranges::find_if(panel->batch_list()->batches(), [](const UpstreamBatch& b) {
        return b.last_error_code == "server_unreachable";
    });
    BOOST_REQUIRE_MESSAGE(unreachable != panel->batch_list()->batches().end(), "a batch was tried");
    const std::string tried = unreachable->uuid;
    check_rows(panel);
    BOOST_REQUIRE(panel->select_batch(tried));
    BOOST_CHECK(panel->details_field()->GetValue().Contains(tr_msgid(upstream::failure_message("server_unreachable"))));
    screenshot(frame, lang, "97-upstream-batches");

    // --- Enter on the tried batch: due at once -------------------------------------------------
    BOOST_CHECK(panel->retry_button()->IsEnabled());
    ui::BatchListView* list = panel->batch_list();
    list->SetFocus();
    wxListEvent activated(wxEVT_LIST_ITEM_ACTIVATED, list->GetId());
    activated.SetEventObject(list);
    activated.m_itemIndex = row_of(panel, tried);
    list->GetEventHandler()->ProcessEvent(activated);
    BOOST_CHECK_MESSAGE(!panel->last_notice_is_error(), utf8(panel->last_notice()));
    auto retried = batch_of(s, tried);
    BOOST_REQUIRE(retried);
    BOOST_CHECK(retried->state == BatchState::Queued);
    BOOST_CHECK(retried->next_attempt_at_utc.empty());

    // --- A server with another CA's certificate: nothing is sent, the words say why -------------
    const int impostor_port = free_port();
    Impostor impostor(pki, impostor_port);
    BOOST_REQUIRE_MESSAGE(impostor.ready(), "openssl s_server listens");
    configure(s, pki, url_on(impostor_port));
    reload(panel);
    panel->set_send_wait(std::chrono::seconds(0));
    BOOST_REQUIRE(press(panel->send_button()));
    BOOST_REQUIRE(pump_until([&] { return !panel->sending(); }, 60s));
    BOOST_REQUIRE(pump_until([&] { return !panel->loading(); }, 60s));
    const wxString certificate_words = tr_msgid(upstream::failure_message("server_certificate"));
    BOOST_CHECK(panel->last_notice_is_error());
    BOOST_CHECK_MESSAGE(panel->last_notice().Contains(certificate_words), "notice: " << utf8(panel->last_notice()));
    const auto refused = std::ranges::find_if(panel->batch_list()->batches(), [](const UpstreamBatch& b) {
        return b.last_error_code == "server_certificate";
    });
    BOOST_REQUIRE_MESSAGE(refused != panel->batch_list()->batches().end(), "the batch says why it did not go");
    check_rows(panel);
    BOOST_REQUIRE(panel->select_batch(refused->uuid));
    screenshot(frame, lang, "98-upstream-server-certificate");

    // --- A held batch (the server refused it for good): its words, then Enter queues it again ---
    const std::string held = panel->batch_list()->batches().front().uuid;
    rewrite_batch(s, held, [](UpstreamBatch& b) {
        b.state = BatchState::Held;
        b.attempts += 1;
        b.last_attempt_at_utc = b.created_at_utc;
        b.last_error_code = "refused";
        b.last_error = "HTTP 422 bad_record: line 17: the field \"sex\" is not M or F";
    });
    reload(panel);
    BOOST_REQUIRE(panel->select_batch(held));
    BOOST_CHECK(panel->held_label()->GetLabel() == ui::batches_text(1));
    BOOST_CHECK(panel->details_field()->GetValue().Contains("HTTP 422 bad_record"));
    BOOST_CHECK(list->GetItemText(row_of(panel, held), ui::BatchListView::kProblem) ==
                ui::first_sentence(tr_msgid(upstream::failure_message("refused"))));
    screenshot(frame, lang, "99-upstream-held");
    activated.m_itemIndex = row_of(panel, held);
    list->GetEventHandler()->ProcessEvent(activated);
    BOOST_CHECK_MESSAGE(!panel->last_notice_is_error(), utf8(panel->last_notice()));
    BOOST_CHECK(batch_of(s, held)->state == BatchState::Queued);
    BOOST_REQUIRE(pump_until([&] { return !panel->loading(); }, 60s));

    // --- Delete on a batch: why, then are you sure; its records wait to be batched again --------
    const UpstreamBatch victim = panel->batch_list()->batches().back();
    BOOST_REQUIRE(panel->select_batch(victim.uuid));
    BOOST_CHECK(panel->discard_button()->IsEnabled());
    ModalScript script;
    script.when<ui::ReasonDialog>("reason", [&](ui::ReasonDialog& d) {
        type(d.reason_field(), "Formed from the records of a test pull");
        screenshot(&d, lang, "99a-upstream-discard-reason");
        BOOST_REQUIRE(press(&d, wxID_OK));
    });
    script.when<ui::ConfirmDialog>("confirm", [&](ui::ConfirmDialog& c) {
        screenshot(&c, lang, "99b-upstream-discard-confirm");
        BOOST_REQUIRE(press(c.yes_button()));
    });
    list->SetFocus();
    hook_key(list, WXK_DELETE);
    BOOST_CHECK_MESSAGE(script.finished() && script.failures().empty(), script.report());
    BOOST_CHECK_MESSAGE(!panel->last_notice_is_error(), utf8(panel->last_notice()));
    BOOST_REQUIRE(pump_until([&] { return !panel->loading(); }, 60s));
    BOOST_CHECK(batch_of(s, victim.uuid)->state == BatchState::Discarded);
    BOOST_CHECK_EQUAL(status_of(s).stats.pending_persons, victim.persons);
    BOOST_CHECK(list->GetItemText(row_of(panel, victim.uuid), ui::BatchListView::kState) ==
                tr_msgid(batch_state_label(BatchState::Discarded)));
    BOOST_CHECK(!panel->discard_button()->IsEnabled());  // a discarded batch stays discarded
    screenshot(frame, lang, "99c-upstream-discarded");

    if (!everything) return;

    // --- An accepted batch: its receipt, the last success ---------------------------------------
    const std::string accepted = panel->batch_list()->batches().front().uuid;
    rewrite_batch(s, accepted, [](UpstreamBatch& b) {
        b.state = BatchState::Accepted;
        b.attempts += 1;
        b.accepted_at_utc = b.created_at_utc;
        b.last_error_code.clear();
        b.last_error.clear();
        b.receipt_json = R"({"batch":")" + b.uuid + R"(","persons":)" + std::to_string(b.persons) + "}";
    });
    reload(panel);
    BOOST_REQUIRE(panel->select_batch(accepted));
    BOOST_CHECK(panel->last_success_label()->GetLabel() != _("nothing has been accepted yet"));
    BOOST_CHECK(panel->details_field()->GetValue().Contains(R"("batch":")"));
    BOOST_CHECK(!panel->retry_button()->IsEnabled());
    BOOST_CHECK(!panel->discard_button()->IsEnabled());

    // --- The minute's timer: a quiet pass over the due batches, one worker at a time ------------
    // The impostor still answers: the pass does not get through, and says so under Send now
    // instead of popping the same trouble up every minute.
    const unsigned timer_sends = panel->timer_sends();
    const wxString notice = panel->last_notice();
    panel->set_retry_interval(std::chrono::milliseconds(300));
    BOOST_REQUIRE(pump_until([&] { return panel->timer_sends() > timer_sends; }, 30s));
    panel->set_retry_interval(std::chrono::milliseconds(0));
    BOOST_REQUIRE(pump_until([&] { return !panel->sending(); }, 60s));
    BOOST_CHECK(panel->last_notice() == notice);
    BOOST_CHECK_MESSAGE(panel->progress_label()->GetToolTipText().Contains(certificate_words),
                        "progress: " << utf8(panel->progress_label()->GetLabel()));

    // --- Four eyes: the officer's new batch waits; a supervisor releases it ---------------------
    Session admin = as(s, "admin", Role::Administrator);
    BOOST_REQUIRE(upstream::set_release_required(admin, true));
    configure(s, pki, url_on(free_port()));
    reload(panel);
    BOOST_REQUIRE(press(panel->send_button()));
    BOOST_REQUIRE(pump_until([&] { return !panel->sending(); }, 60s));
    BOOST_REQUIRE(pump_until([&] { return !panel->loading(); }, 60s));
    BOOST_REQUIRE_EQUAL(panel->status()->stats.batches_awaiting_release, 1);
    const UpstreamBatch waiting = panel->batch_list()->batches().front();
    BOOST_CHECK(waiting.state == BatchState::AwaitingRelease);
    BOOST_CHECK(!panel->release_button()->IsShown());
    check_rows(panel);

    frame = run.switch_user("supervisor");
    panel = open_upstream(frame);
    BOOST_REQUIRE(panel->release_button()->IsShown());
    BOOST_REQUIRE(panel->select_batch(waiting.uuid));
    BOOST_REQUIRE(panel->release_button()->IsEnabled());
    screenshot(frame, lang, "99d-upstream-release");
    BOOST_REQUIRE(press(panel->release_button()));
    BOOST_CHECK_MESSAGE(!panel->last_notice_is_error(), utf8(panel->last_notice()));
    BOOST_CHECK(batch_of(run.session(), waiting.uuid)->state == BatchState::Queued);
    BOOST_CHECK_EQUAL(batch_of(run.session(), waiting.uuid)->released_by, "supervisor");

    // --- The administrator sees the outbox and sends nothing -----------------------------------
    frame = run.switch_user("admin");
    panel = open_upstream(frame);
    BOOST_CHECK(!panel->send_button()->IsShown());
    BOOST_CHECK(!panel->retry_button()->IsShown());
    BOOST_CHECK(!panel->discard_button()->IsShown());
    BOOST_CHECK(!panel->release_button()->IsShown());
    BOOST_REQUIRE(panel->send_now());  // a hidden button is not the guard: the core refuses
    BOOST_REQUIRE(pump_until([&] { return !panel->sending(); }, 60s));
    BOOST_REQUIRE(panel->last_send());
    BOOST_CHECK(!*panel->last_send());
}

}  // namespace

BOOST_AUTO_TEST_SUITE(ui_upstream)  // one CTest entry: test_ui.upstream (tests/ui/CMakeLists.txt)

BOOST_AUTO_TEST_CASE(upstream_screen_in_english, *boost::unit_test::timeout(600)) { walk_through_upstream("en", true); }

BOOST_AUTO_TEST_CASE(upstream_screen_in_russian, *boost::unit_test::timeout(600)) { walk_through_upstream("ru", false); }

BOOST_AUTO_TEST_CASE(upstream_screen_in_kazakh, *boost::unit_test::timeout(600)) { walk_through_upstream("kk", false); }

BOOST_AUTO_TEST_SUITE_END()

}  // namespace sanaq::test
