#include "link/keyringturnrecord.h"

#include "model/event.h"
#include "security/keyringjournal.h"

namespace cityops::keyringturnrecord {
namespace {

QString keyringWords(Keyring keyring)
{
    return keyring == Keyring::Console ? QStringLiteral("console keyring") : QStringLiteral("approver keyring");
}

QLatin1String holderWord(Holder holder)
{
    return QLatin1String(holder == Holder::Gateway ? keyringjournal::kGatewayKeyrings : keyringjournal::kDeskKeyrings);
}

} // namespace

QString detail(Holder holder, const QString &name, Keyring keyring, bool differ, const QString &theirs, const QString &ours)
{
    return differ ? QStringLiteral("%1 %2 holds another %3 than this console (its keys %4, this console's %5)")
                        .arg(holderWord(holder), name, keyringWords(keyring), theirs, ours)
                  : QStringLiteral("%1 %2 holds the same %3 as this console again (keys %4)").arg(holderWord(holder), name, keyringWords(keyring), ours);
}

QString labelStart()
{
    return operatorActionName(OperatorAction::KeyringChanged) + QStringLiteral(" (");
}

QString labelPart()
{
    return QStringLiteral("): ");   // then the holder's word: both kinds in one search
}

Recorded lastSaid(const QStringList &labelsNewestFirst)
{
    const QString start = labelStart(), part = labelPart();
    Recorded recorded;
    for (const QString &label : labelsNewestFirst) {
        if (!label.startsWith(start))
            continue;
        const qsizetype close = label.indexOf(part, start.size());
        if (close < 0)
            continue;
        const QString name = label.mid(start.size(), close - start.size());
        QString rest = label.mid(close + part.size());   // "gateway-keyrings gw-west holds another console keyring than …"
        QHash<QString, LastSaid> *said = nullptr;
        for (const Holder holder : {Holder::Gateway, Holder::Desk}) {
            const QString word = holderWord(holder) + QLatin1Char(' ');
            if (rest.startsWith(word)) {
                said = holder == Holder::Gateway ? &recorded.gateways : &recorded.desks;
                rest = rest.mid(word.size());
                break;
            }
        }
        const QString holds = name + QStringLiteral(" holds ");
        if (!said || name.isEmpty() || !rest.startsWith(holds))
            continue;
        const QString turn = rest.mid(holds.size());
        for (const Keyring keyring : {Keyring::Console, Keyring::Approver}) {
            const QString words = keyringWords(keyring);
            const bool other = turn.startsWith(QStringLiteral("another %1 than ").arg(words));
            const bool same = turn.startsWith(QStringLiteral("the same %1 as ").arg(words));
            if (!other && !same)
                continue;
            std::optional<bool> &last = keyring == Keyring::Console ? (*said)[name].consoleDiffers : (*said)[name].approverDiffers;
            if (!last)   // newest first: the first line met is the last said
                last = other;
        }
    }
    return recorded;
}

} // namespace cityops::keyringturnrecord
