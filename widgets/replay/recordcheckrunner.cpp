#include "replay/recordcheckrunner.h"

#include "security/commandsigner.h"
#include "store/recordcheck.h"

#include <QPromise>
#include <QtConcurrent/QtConcurrentRun>

#include <optional>

namespace cityops {

RecordCheckRunner::RecordCheckRunner(std::shared_ptr<const CityModel> city, QObject *parent) : QObject(parent), m_city(std::move(city))
{
    connect(&m_watcher, &QFutureWatcher<Outcome>::progressValueChanged, this, [this](int percent) {
        m_percent = percent;
        Q_EMIT progressed(percent);
    });
    connect(&m_watcher, &QFutureWatcher<Outcome>::finished, this, [this] {
        const QFuture<Outcome> future = m_watcher.future();
        if (future.isCanceled())   // a cancelled future keeps no result
            Q_EMIT finished(Outcome{false, false, tr("The check of the record was stopped at %1 %, before its verdict.").arg(m_percent), true});
        else if (future.resultCount() > 0)
            Q_EMIT finished(future.result());
    });
}

void RecordCheckRunner::cancel()
{
    if (m_watcher.isRunning())
        m_watcher.cancel();
}

RecordCheckRunner::~RecordCheckRunner()
{
    if (m_watcher.isRunning()) {
        disconnect(&m_watcher, nullptr, this, nullptr);
        m_watcher.cancel();
        m_watcher.waitForFinished();
    }
}

bool RecordCheckRunner::start(const QString &storePath, const QByteArray &publicKeyPem)
{
    if (m_watcher.isRunning())
        return false;
    m_percent = 0;
    m_watcher.setFuture(QtConcurrent::run([storePath, publicKeyPem, city = m_city](QPromise<Outcome> &promise) {
        promise.setProgressRange(0, 100);
        std::optional<CommandVerifier> key;
        if (!publicKeyPem.isEmpty()) {
            auto k = CommandVerifier::fromPublicKeyPem(publicKeyPem);
            if (!k) {
                promise.addResult(Outcome{false, false, tr("The record could not be checked: %1.").arg(k.error())});
                return;
            }
            key = std::move(k).value();
        }
        // The desk's own city is the recording's: the store was opened for it.
        const recordcheck::CityOf cityOf = [&city]() -> Result<std::shared_ptr<const CityModel>> { return city; };
        auto checked = recordcheck::run(storePath, key ? &*key : nullptr, cityOf, [&promise](double f) {
            promise.setProgressValue(int(f * 100));
            return !promise.isCanceled();
        });
        if (!checked) {
            promise.addResult(Outcome{false, false, tr("The record could not be checked: %1.").arg(checked.error())});
            return;
        }
        const recordcheck::Outcome &o = checked.value();
        const QString keyed = publicKeyPem.isEmpty() ? tr("(their signatures not checked: no key)") : tr("signed with this console's key");
        QString text;
        if (o.intact() && o.chain.checkpoints > 0)
            text = tr("The record is intact: %L1 events chained, %L2 checkpoints %3; %4.")
                       .arg(o.chain.events).arg(o.chain.checkpoints).arg(keyed, o.snapshots->sentence);
        else if (o.intact())   // chained, but nothing signed vouches for the chain
            text = tr("The record is intact as far as it can tell: %1; %2.").arg(o.chain.sentence, o.snapshots->sentence);
        else if (o.chain.intact && !o.snapshots)   // not a finding about the record: the desk's city would not do
            text = tr("The record's events are intact (%1), but its snapshots could not be checked: %2.")
                       .arg(o.chain.sentence, o.snapshotsNotChecked);
        else
            text = tr("The record is NOT intact: %1. Keep the file as it is and check it with cityops-export verify.")
                       .arg(o.chain.intact ? o.snapshots->sentence : o.chain.sentence);
        promise.addResult(Outcome{true, o.intact(), text});
    }));
    return true;
}

} // namespace cityops
