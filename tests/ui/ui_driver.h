#pragma once
// Driving real wx windows from Boost.Test: one application for the process, an event pump with
// a deadline, "press this button" as the user would (the same wxEVT_BUTTON), scripted steps for
// modal dialogs (they run inside the dialog's own event loop), and screenshots.
#include <chrono>
#include <deque>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <wx/app.h>
#include <wx/dialog.h>
#include <wx/timer.h>
#include <wx/toplevel.h>

class wxButton;
class wxCheckBox;
class wxCheckListBox;
class wxChoice;
class wxListBox;
class wxTextCtrl;

namespace sanaq::test {

/// The global fixture: a wxApp without a main loop (tests pump events themselves), the cheap KDF
/// for every workspace, image handlers for screenshots.
struct WxApplication {
    WxApplication();
    ~WxApplication();
};

using namespace std::chrono_literals;

/// Processes events until `done` holds or `limit` passes; false on timeout.
bool pump_until(const std::function<bool()>& done, std::chrono::milliseconds limit = 20s);
void pump_for(std::chrono::milliseconds duration);

/// What a click does: a wxEVT_BUTTON from the button (only if it is enabled and shown).
bool press(wxButton* button);
bool press(wxWindow* parent, int id);
void choose(wxChoice* choice, int index);
void choose(wxListBox* list, int index);
void tick(wxCheckListBox* list, int index, bool checked);
void tick(wxCheckBox* box, bool checked);
void type(wxTextCtrl* field, const wxString& text);
/// A key press as the keyboard would deliver it to `target` (event filters see it).
void key_press(wxWindow* target, int key_code);
/// A key as wxWidgets offers it first (wxEVT_CHAR_HOOK): from the focused `target` up through its
/// parents, before the control itself sees it. `unicode` 0: the key code.
void hook_key(wxWindow* target, int key_code, int unicode = 0);

/// $SANAQ_SCREENSHOT_DIR, else <build>/screenshots.
std::filesystem::path screenshot_root();
/// Saves what `window` shows on screen as <root>/<lang>/<name>.png (import -window root, cropped
/// to the window). Returns the path, empty when capturing failed.
std::filesystem::path screenshot(wxTopLevelWindow* window, const std::string& lang, const std::string& name,
                                 std::chrono::milliseconds settle = 400ms);

/// Steps run when a modal dialog of a given type is up, in order. Arm it, then press the button
/// that opens the first dialog: the press returns once the modal chain is over. A step that
/// leaves its dialog open, or a dialog that never comes, is reported and the dialog cancelled,
/// so a broken screen fails the test instead of hanging it.
class ModalScript : public wxEvtHandler {
public:
    explicit ModalScript(std::chrono::milliseconds patience = 60s);
    ~ModalScript() override;

    template <class Dialog>
    void when(const std::string& name, std::function<void(Dialog&)> step) {
        steps_.push_back({name,
                          []() -> wxDialog* {
                              for (wxWindow* w : wxTopLevelWindows)
                                  if (auto* d = dynamic_cast<Dialog*>(w); d && d->IsShown() && d->IsModal()) return d;
                              return nullptr;
                          },
                          [step](wxDialog* d) { step(*static_cast<Dialog*>(d)); }});
    }

    bool finished() const { return steps_.empty(); }
    const std::vector<std::string>& failures() const { return failures_; }
    std::string report() const;

private:
    struct Step {
        std::string name;
        std::function<wxDialog*()> find;
        std::function<void(wxDialog*)> run;
    };
    void on_tick(wxTimerEvent& event);
    void give_up(const std::string& why);

    std::deque<Step> steps_;
    std::vector<std::string> failures_;
    std::chrono::milliseconds patience_;
    std::chrono::steady_clock::time_point waiting_since_;
    wxTimer timer_;
    bool running_ = false;
};

}  // namespace sanaq::test
