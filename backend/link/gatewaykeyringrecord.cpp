#include "link/gatewaykeyringrecord.h"

#include "model/event.h"
#include "security/keyringjournal.h"

namespace cityops::gatewaykeyringrecord {
namespace {

QString keyringWords(Keyring keyring)
{
    return keyring == Keyring::Console ? QStringLiteral("console keyring") : QStringLiteral("approver keyring");
}

} // namespace

QString detail(const QString &gateway, Keyring keyring, bool differ, const QString &theirs, const QString &ours)
{
    const QString word = QLatin1String(keyringjournal::kGatewayKeyrings);
    return differ ? QStringLiteral("%1 %2 holds another %3 than this console (its keys %4, this console's %5)")
                        .arg(word, gateway, keyringWords(keyring), theirs, ours)
                  : QStringLiteral("%1 %2 holds the same %3 as this console again (keys %4)").arg(word, gateway, keyringWords(keyring), ours);
}

QString labelStart()
{
    return operatorActionName(OperatorAction::KeyringChanged) + QStringLiteral(" (");
}

QString labelPart()
{
    return QStringLiteral("): %1 ").arg(QLatin1String(keyringjournal::kGatewayKeyrings));
}

QHash<QString, LastSaid> lastSaid(const QStringList &labelsNewestFirst)
{
    const QString start = labelStart(), part = labelPart();
    QHash<QString, LastSaid> said;
    for (const QString &label : labelsNewestFirst) {
        if (!label.startsWith(start))
            continue;
        const qsizetype close = label.indexOf(part, start.size());
        if (close < 0)
            continue;
        const QString gateway = label.mid(start.size(), close - start.size());
        const QString rest = label.mid(close + part.size());   // "gw-west holds another console keyring than …"
        const QString holds = gateway + QStringLiteral(" holds ");
        if (gateway.isEmpty() || !rest.startsWith(holds))
            continue;
        const QString turn = rest.mid(holds.size());
        for (const Keyring keyring : {Keyring::Console, Keyring::Approver}) {
            const QString words = keyringWords(keyring);
            const bool other = turn.startsWith(QStringLiteral("another %1 than ").arg(words));
            const bool same = turn.startsWith(QStringLiteral("the same %1 as ").arg(words));
            if (!other && !same)
                continue;
            std::optional<bool> &last = keyring == Keyring::Console ? said[gateway].consoleDiffers : said[gateway].approverDiffers;
            if (!last)   // newest first: the first line met is the last said
                last = other;
        }
    }
    return said;
}

} // namespace cityops::gatewaykeyringrecord
