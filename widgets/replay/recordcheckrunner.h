#pragma once

#include "city/citymodel.h"

#include <QFutureWatcher>
#include <QObject>
#include <QString>

#include <memory>

namespace cityops {

/// "Check the record" at the desk: the events' chain with the console's own key, then every snapshot rebuilt from the
/// events (store/recordcheck.h) — what `cityops-export verify` does from a shell — on the thread pool, never on the
/// GUI thread. One check at a time; destroying the runner cancels a check under way and waits for it.
class RecordCheckRunner : public QObject {
    Q_OBJECT
public:
    RecordCheckRunner(std::shared_ptr<const CityModel> city, QObject *parent = nullptr);
    ~RecordCheckRunner() override;

    /// Starts a check of `storePath`, its checkpoints verified with `publicKeyPem` (empty: not signed, the chain alone).
    /// False when one is already running.
    bool start(const QString &storePath, const QByteArray &publicKeyPem);
    bool isRunning() const { return m_watcher.isRunning(); }
    /// Stops a check under way; `finished` then says it was stopped, with no verdict.
    void cancel();

    struct Outcome {
        bool done = false;      ///< the check ran to its end (else it could not, or was stopped: `text` says why)
        bool intact = false;
        QString text;           ///< for a person, whole sentences
        bool stopped = false;   ///< cancel() stopped it: no verdict
    };

Q_SIGNALS:
    /// How far, 0 to 100, at most a few times a second.
    void progressed(int percent);
    void finished(const cityops::RecordCheckRunner::Outcome &outcome);

private:
    std::shared_ptr<const CityModel> m_city;
    QFutureWatcher<Outcome> m_watcher;
    int m_percent = 0;   ///< how far the check under way is, for the words when it is stopped
};

} // namespace cityops
