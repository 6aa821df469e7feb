#include "access/closequestion.h"

#include "base/counted.h"
#include "engine/greenwaverun.h"
#include "labels.h"

#include <QPushButton>

namespace cityops {

namespace {

/// "order 5 (dim district East)", the first few of them and how many more.
QString someOrders(const std::vector<Order> &orders)
{
    return Labels::firstFew(orders.size(), [&orders](size_t i) {
        return CloseQuestion::tr("order %1 (%2)").arg(orders[i].id).arg(orders[i].description);
    });
}

} // namespace

ClosingCosts closingCosts(const ClosingContext &context)
{
    ClosingCosts costs;
    QStringList record;
    std::vector<Order> all;
    context.source.orders().snapshot(all);
    std::vector<Order> orders, waiting;   // this run's orders under way, and those waiting for approval
    for (Order &o : all)
        if (!o.finished() && context.issuedHere(o.id))
            (o.stage == CommandStage::AwaitingApproval ? waiting : orders).push_back(std::move(o));
    if (!orders.empty()) {
        costs.lines << CloseQuestion::tr("%n order(s) under way — %1: results still due will not be followed, and when the console "
                                         "starts again those targets are marked timed out: check their devices.",
                                         nullptr, int(orders.size()))
                           .arg(someOrders(orders));
        record << counted(qint64(orders.size()), "order") + QStringLiteral(" under way");
    }
    std::vector<const GreenWaveRun *> waves;
    for (const GreenWaveRun *w : context.waves)
        if (w && !w->finished())
            waves.push_back(w);
    for (const GreenWaveRun *w : waves) {
        if (!w->stats().stoppedBy.isEmpty()) {   // stopped, its releases not all taken yet
            costs.lines << CloseQuestion::tr("The green wave for %1 was stopped by %2, and its signals are still being released: closing "
                                             "leaves them to their controllers (released within 3 min).")
                               .arg(w->vehicle(), w->stats().stoppedBy);
            continue;
        }
        QString line = CloseQuestion::tr("The green wave for %1 stops: no further signal is pre-empted for it.").arg(w->vehicle());
        if (const size_t held = w->held().size(); held > 0)
            line += QLatin1Char(' ') + CloseQuestion::tr("The %n signal(s) it holds are released by their controllers within 3 min — "
                                                         "stop the wave first to release them now.", nullptr, int(held));
        costs.lines << line;
    }
    costs.waves = int(waves.size());
    if (!waves.empty())
        record << counted(qint64(waves.size()), "green wave") + QStringLiteral(" under way");
    if (context.store && context.store->checking) {
        costs.lines << CloseQuestion::tr("The store is still being checked before anything is written: the console closes once the "
                                         "check is done and the %n event(s) waiting are recorded (minutes, on a store of months).",
                                         nullptr, int(context.store->backlog));
    } else if (context.store && context.store->failing && context.store->backlog > 0) {
        costs.lines << CloseQuestion::tr("%n event(s) could not be recorded yet (%1): they are lost when the console closes.", nullptr,
                                         int(context.store->backlog))
                           .arg(context.store->error);
        record << counted(qint64(context.store->backlog), "event") + QStringLiteral(" not recorded");
    }
    if (!context.exportUnderWay.isEmpty()) {
        costs.lines << CloseQuestion::tr("The export of %1 is not finished: closing stops it, and no files are written.").arg(context.exportUnderWay);
        record << QStringLiteral("an export stopped");
    }
    if (!waiting.empty()) {
        costs.lines << CloseQuestion::tr("%n order(s) waiting for approval — %1: they wait again when the console starts again.",
                                         nullptr, int(waiting.size()))
                           .arg(someOrders(waiting));
        record << counted(qint64(waiting.size()), "order") + QStringLiteral(" waiting for approval");
    }
    if (!record.isEmpty())
        costs.record = QStringLiteral("left ") + record.join(QStringLiteral(", "));
    return costs;
}

CloseQuestion::CloseQuestion(const ClosingCosts &costs, const QString &signedIn, bool mayStopWaves, QWidget *parent)
    : QMessageBox(parent)
{
    setWindowTitle(tr("Close CityOps"));
    setIcon(costs.lines.isEmpty() ? QMessageBox::Question : QMessageBox::Warning);
    setText(tr("Close CityOps on this desk?"));
    QString informative = signedIn.isEmpty()
        ? tr("This desk stops watching the city: its alarms will no longer sound here.")
        : tr("This desk stops watching the city: its alarms will no longer sound here, and %1 is signed out.").arg(signedIn.toHtmlEscaped());
    if (!costs.lines.isEmpty()) {
        informative += QStringLiteral("<ul>");
        for (const QString &line : costs.lines)
            informative += QStringLiteral("<li>") + line.toHtmlEscaped() + QStringLiteral("</li>");
        informative += QStringLiteral("</ul>");
    }
    setTextFormat(Qt::RichText);
    setInformativeText(informative);
    m_close = addButton(tr("&Close the console"), QMessageBox::DestructiveRole);   // Alt+C; Enter keeps it
    if (mayStopWaves && costs.waves > 0)   // Alt+S: the held junctions freed now, not in 3 min
        m_stopWaves = addButton(tr("&Stop the green wave(s), then close", nullptr, costs.waves), QMessageBox::DestructiveRole);
    m_keep = addButton(tr("&Keep running"), QMessageBox::RejectRole);
    setDefaultButton(m_keep);
    setEscapeButton(m_keep);
}

} // namespace cityops
