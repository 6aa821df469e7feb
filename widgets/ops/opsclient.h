#pragma once

#include "engine/engine.h"

#include <QObject>

class QAbstractButton;

#include <functional>
#include <optional>

namespace cityops {

/// The console's side of the ops requests: who is at the console (the Actor every request is made as) and a
/// way to ask the engine without waiting. Answers come back on the GUI thread as one signal per request.
class OpsClient : public QObject {
    Q_OBJECT
public:
    OpsClient(Engine &engine, Actor actor, QObject *parent = nullptr);

    const Actor &actor() const { return m_actor; }
    void setActor(const Actor &actor);
    /// Replay is read-only: requests are refused while it is on.
    void setReadOnly(bool readOnly, const QString &why = {});
    /// A locked console (idle, or by hand) changes nothing until it is unlocked; independent of replay.
    void setLocked(bool locked, const QString &why = {});
    bool isReadOnly() const { return m_readOnly || m_locked; }
    bool isLocked() const { return m_locked; }
    /// Why nothing can be done now, in a sentence (locked, replay, nobody signed in); empty when things can.
    QString whyNot() const
    {
        if (m_locked)
            return m_lockedReason;
        if (m_readOnly)
            return m_readOnlyReason;
        return m_actor.isValid() ? QString() : tr("Nobody is signed in at this console: sign in first.");
    }
    /// Why the actor cannot do `permission` now: blocked (above), or the backend's refusal for this person; empty
    /// when they can. For greyed buttons' tooltips.
    QString whyNot(Permission permission, int district = -1, const QString &districtName = {}) const
    {
        if (const QString blocked = whyNot(); !blocked.isEmpty())
            return blocked;
        return permits(m_actor, permission, district) ? QString() : refusal(m_actor, permission, districtName);
    }
    /// Enables `button` when `why` is empty; otherwise greys it and says why in its tooltip, after what it does.
    static void explain(QAbstractButton *button, const QString &why, const QString &whatItDoes = {});
    /// Whether the actor may do this (for enabling buttons; the backend decides for real).
    bool may(Permission permission, int district = -1) const { return !isReadOnly() && permits(m_actor, permission, district); }
    /// Step-up: approving an order asks this first (the approver's password again, checked); no password refuses the
    /// approval. The password opens the approver's own approval key (below) and is then forgotten.
    void setStepUp(std::function<std::optional<QByteArray>(const QString &what)> confirm) { m_stepUp = std::move(confirm); }
    /// Where the supervisors' sealed approval keys are (security/approval.h), and whether an approval must carry one:
    /// on a broker the devices refuse a high-risk command without its approver's signature, so the approval is refused
    /// here, with the reason, instead of every target later.
    /// The folder of the supervisors' sealed approval keys (empty: none on this console).
    const QString &approvalKeys() const { return m_approvalKeys; }
    void setApprovalKeys(const QString &folder, bool required)
    {
        m_approvalKeys = folder;
        m_approvalKeyRequired = required;
    }

    /// Opens `user`'s sealed approval key with their password on a worker; `done` runs on the GUI thread (while
    /// `context` lives) with the key, with null when no key folder is set or the key is not needed, or with the reason
    /// when the devices need it and it does not open.
    using ApprovalKey = Result<std::shared_ptr<const CommandSigner>>;
    void openApprovalKey(const QString &user, QByteArray password, QObject *context, std::function<void(const ApprovalKey &)> done);

    /// Sends a request; `answered` follows. `context` is an optional tag the caller gets back.
    void ask(OpsRequest request, const QString &context = {});

Q_SIGNALS:
    void actorChanged(const cityops::Actor &actor);
    void answered(bool ok, const QString &message, std::uint32_t ref, const QString &context);

private:
    /// Hands a checked request to the engine; the answer comes back as `answered`.
    void send(OpsRequest request, const QString &context);

    Engine &m_engine;
    Actor m_actor;
    bool m_readOnly = false;
    QString m_readOnlyReason;
    bool m_locked = false;
    QString m_lockedReason;
    std::function<std::optional<QByteArray>(const QString &)> m_stepUp;
    QString m_approvalKeys;
    bool m_approvalKeyRequired = false;
};

} // namespace cityops
