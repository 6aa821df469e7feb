#include "ops/opsclient.h"

#include "base/answeron.h"

#include "security/approval.h"

#include <QAbstractButton>
#include <QCoreApplication>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

namespace cityops {

OpsClient::OpsClient(Engine &engine, Actor actor, QObject *parent) : QObject(parent), m_engine(engine), m_actor(std::move(actor)) {}

void OpsClient::explain(QAbstractButton *button, const QString &why, const QString &whatItDoes)
{
    button->setEnabled(why.isEmpty());
    if (why.isEmpty())
        button->setToolTip(whatItDoes);
    else
        button->setToolTip(whatItDoes.isEmpty() ? why : whatItDoes + QStringLiteral("\n\n") + why);
}

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

void OpsClient::setLocked(bool locked, const QString &why)
{
    m_locked = locked;
    m_lockedReason = why;
    Q_EMIT actorChanged(m_actor);
}

void OpsClient::ask(OpsRequest request, const QString &context)
{
    if (m_locked || m_readOnly) {
        Q_EMIT answered(false, m_locked ? m_lockedReason : m_readOnlyReason, 0, context);
        return;
    }
    if (!m_actor.isValid()) {
        Q_EMIT answered(false, tr("Nobody is signed in at this console: sign in first."), 0, context);
        return;
    }
    // Two-person integrity means two real people: the approver proves who they are again, here and now, and their
    // password opens the key that signs the approval for the devices.
    if (auto *decide = std::get_if<request::DecideOrder>(&request); decide && decide->approve && m_stepUp) {
        std::optional<QByteArray> password = m_stepUp(tr("Approve order %1").arg(decide->order));
        if (!password) {
            Q_EMIT answered(false, tr("Order %1 was not approved: approving needs your password again.").arg(decide->order), 0, context);
            return;
        }
        if (!m_approvalKeys.isEmpty()) {
            openApprovalKey(m_actor.user, *password, this, [this, request = std::move(request), context](const ApprovalKey &key) mutable {
                auto &decision = std::get<request::DecideOrder>(request);
                if (!key) {
                    Q_EMIT answered(false, tr("Order %1 was not approved: the devices need your approval signature, and %2")
                                                     .arg(decision.order).arg(key.error()), 0, context);
                    return;
                }
                decision.approvalKey = key.value();
                send(std::move(request), context);
            });
            password->fill('\0');
            return;
        }
        password->fill('\0');
    }
    send(std::move(request), context);
}

void OpsClient::openApprovalKey(const QString &user, QByteArray password, QObject *context, std::function<void(const ApprovalKey &)> done)
{
    if (m_approvalKeys.isEmpty()) {
        password.fill('\0');
        return done(std::shared_ptr<const CommandSigner>());
    }
    // Opening the sealed key is a file read and tens of milliseconds of scrypt: on a worker, then on.
    auto *opening = new QFutureWatcher<ApprovalKey>(context);
    connect(opening, &QFutureWatcher<ApprovalKey>::finished, context, [opening, required = m_approvalKeyRequired, done = std::move(done)] {
        opening->deleteLater();
        const ApprovalKey key = opening->result();
        // Where the devices do not check approvals, an approval without the key still stands.
        done(key || required ? key : ApprovalKey(std::shared_ptr<const CommandSigner>()));
    });
    opening->setFuture(QtConcurrent::run([folder = m_approvalKeys, user, typed = std::move(password)]() mutable -> ApprovalKey {
        auto key = approval::open(folder, user, typed);
        // The password was right (the directory said so before this): a key that does not open with it was sealed
        // with an earlier one, and the approver can move it themselves.
        const bool earlier = !key && approval::check(folder, user, typed).fit == approval::KeyFit::OtherPassword;
        typed.fill('\0');
        if (earlier)
            return makeError(tr("%1 (sealed with an earlier password: Session ▸ Approval key… moves it to your password now)").arg(key.error()));
        if (!key)
            return Error{key.error()};
        return std::make_shared<const CommandSigner>(std::move(key).value());
    }));
}

void OpsClient::send(OpsRequest request, const QString &context)
{
    // The answer arrives on the engine's core thread; hand it to the GUI thread, unless the console is gone.
    m_engine.request(m_actor, std::move(request),
                     answerOnMainThread<Result<OpsReceipt>>(this, [context](OpsClient *self, const Result<OpsReceipt> &result) {
                         const bool ok = result.ok();
                         Q_EMIT self->answered(ok, ok ? result->message : result.error(), ok ? result->ref : 0, context);
                     }));
}

} // namespace cityops
