#pragma once

#include <QObject>
#include <QString>

#include <functional>

class QSocketNotifier;

namespace cityops {

/// SIGTERM, SIGINT and SIGHUP — a machine shutting down, Ctrl+C in a terminal, the terminal closed — end a program
/// as closing it does: the console recorded and its store closed with its signed checkpoint, a gateway saying goodbye
/// on the broker, SUMO stopped and its files removed, instead of the process dying between two writes. A signal
/// handler may only write a byte to a socket; the other end is read on the main thread, which emits stopRequested.
/// Made first thing, so a signal that arrives while the program is still starting (reading its store, extracting
/// SUMO's network) waits there too: the program asks received() before it starts what it would have to stop. The
/// first signal restores the default action, so a second one ends the process at once (a console waiting on a long
/// store check can still be stopped).
class StopSignals : public QObject {
    Q_OBJECT
public:
    explicit StopSignals(QObject *parent = nullptr);
    ~StopSignals() override;

    /// The first signal that arrived ("SIGTERM", …), or empty: asked without an event loop (during start-up). A signal
    /// taken here is not emitted again by stopRequested.
    QString received();
    /// Calls `stop` with the signal's name, on `context`'s thread, for the first signal — also for one that arrived
    /// before this was asked (during start-up): then as soon as the event loop runs.
    void onStop(QObject *context, const std::function<void(const QString &)> &stop);

Q_SIGNALS:
    /// `name`: "SIGTERM", "SIGINT" or "SIGHUP".
    void stopRequested(const QString &name);

private:
    void readSignal();
    QSocketNotifier *m_notifier = nullptr;
    QString m_first;   ///< the first signal read from the socket
};

} // namespace cityops
