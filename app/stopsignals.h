#pragma once

#include <QObject>

class QSocketNotifier;

namespace cityops {

/// SIGTERM, SIGINT and SIGHUP — a machine shutting down, Ctrl+C in a terminal, the terminal closed — end the console
/// as closing it does: recorded, and the store closed with its signed checkpoint, instead of the process dying between
/// two writes. A signal handler may only write a byte to a socket; the other end is read on the main thread, which
/// emits stopRequested. The first signal restores the default action, so a second one ends the process at once (a
/// console waiting on a long store check can still be stopped).
class StopSignals : public QObject {
    Q_OBJECT
public:
    explicit StopSignals(QObject *parent = nullptr);
    ~StopSignals() override;

Q_SIGNALS:
    /// `name`: "SIGTERM", "SIGINT" or "SIGHUP".
    void stopRequested(const QString &name);

private:
    void readSignal();
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace cityops
