#pragma once

#include <QByteArray>
#include <QString>

class QMainWindow;

namespace cityops {

/// The desk's docks: as the console ships them, and each person's own arrangement from the last time they signed out
/// at this machine — nobody inherits the last person's docks.
///
/// The shipped sizes are set once the window has its own size: asked for before the first show, QMainWindow gave the
/// docks what fell to them (an empty Details 379 px over the incident list's 340, the event log 217 px wide), so the
/// sizes are applied on the first show, and again whenever the shipped arrangement is put back.
class DeskLayout {
public:
    explicit DeskLayout(QMainWindow &window) : m_window(window) {}

    /// Once every dock is made: where each stands and which are tabbed together, as shipped.
    void captureShipped();
    /// The window is shown (only its first show counts).
    void shown();
    /// `user` signed in: their own arrangement, or the shipped one.
    void signedIn(const QString &user);
    /// Keeps the signed-in person's arrangement for their next sign-in here (sign-out, and the window closing).
    void keep();
    /// View ▸ Reset the layout.
    void reset();

private:
    void useShipped();
    void shipSizes();

    QMainWindow &m_window;
    QByteArray m_shipped;
    QString m_user;        ///< whose arrangement is on screen
    bool m_own = false;    ///< a person's own arrangement is on screen
    bool m_shown = false;  ///< the window has been shown: sizes can be set
};

} // namespace cityops
