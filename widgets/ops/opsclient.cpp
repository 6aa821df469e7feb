#include "ops/opsclient.h"

#include <QCoreApplication>
#include <QPointer>

namespace cityops {

OpsClient::OpsClient(Engine &engine, Actor actor, QObject *parent) : QObject(parent), m_engine(engine), m_actor(std::move(actor)) {}

void OpsClient::setActor(const Actor &actor)
{
    m_actor = actor;
    Q_EMIT actorChanged(m_actor);
}

void OpsClient::setReadOnly(bool readOnly, const QString &why)
{
    m_readOnly = readOnly;
    m_readOnlyReason = why;
    Q_EMIT actorChanged(m_actor);   // permissions on screen change
}

void OpsClient::ask(OpsRequest request, const QString &context)
{
    if (m_readOnly) {
        Q_EMIT answered(false, m_readOnlyReason, 0, context);
        return;
    }
    // The answer arrives on the engine's core thread; hand it to the GUI thread, unless the console is gone.
    QPointer<OpsClient> self(this);
    m_engine.request(m_actor, std::move(request), [self, context](const Result<OpsReceipt> &result) {
        const bool ok = result.ok();
        const QString message = ok ? result->message : result.error();
        const std::uint32_t ref = ok ? result->ref : 0;
        QMetaObject::invokeMethod(qApp, [self, ok, message, ref, context] {
            if (self)
                Q_EMIT self->answered(ok, message, ref, context);
        }, Qt::QueuedConnection);
    });
}

} // namespace cityops
