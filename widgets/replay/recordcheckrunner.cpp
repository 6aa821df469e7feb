#include "replay/recordcheckrunner.h"

#include "store/recordcheck.h"

#include <QPromise>
#include <QtConcurrent/QtConcurrentRun>

namespace cityops {

RecordCheckRunner::RecordCheckRunner(std::shared_ptr<const CityModel> city, QObject *parent) : QObject(parent), m_city(std::move(city))
{
    connect(&m_watcher, &QFutureWatcher<Outcome>::progressValueChanged, this, &RecordCheckRunner::progressed);
    connect(&m_watcher, &QFutureWatcher<Outcome>::finished, this, [this] {
        const QFuture<Outcome> future = m_watcher.future();
        if (future.resultCount() > 0)
            Q_EMIT finished(future.result());
    });
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
    m_watcher.setFuture(QtConcurrent::run([storePath, publicKeyPem, city = m_city](QPromise<Outcome> &promise) {
        promise.setProgressRange(0, 100);
        auto checked = recordcheck::run(storePath, city, publicKeyPem, [&promise](double f) {
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
        else
            text = tr("The record is NOT intact: %1. Keep the file as it is and check it with cityops-export verify.")
                       .arg(o.chain.intact ? o.snapshots->sentence : o.chain.sentence);
        promise.addResult(Outcome{true, o.intact(), text});
    }));
    return true;
}

} // namespace cityops
