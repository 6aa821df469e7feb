#include "mainwindow.h"

#include "access/accesscontrol.h"
#include "ops/opsconsole.h"

#include <QCloseEvent>
#include <QFutureWatcher>
#include <QPushButton>

namespace cityops {

// Closing the console: asked first, recorded with who closed it and what it left (OPERATIONS.md, "Closing the console").

ClosingCosts MainWindow::closingCosts() const
{
    ClosingContext context{m_engine, [this](std::uint32_t id) { return m_engine.issuedHere(id); }, m_ops->waves(), {},
                           m_export->isRunning() ? m_exportWindow : QString()};
    if (const EventStore *store = m_engine.store())
        context.store = store->stats();
    return cityops::closingCosts(context);
}

void MainWindow::closeBecause(const QString &why)
{
    m_closeReason = why;
    m_askBeforeClosing = false;
    close();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_closeRecorded) {   // closing already (a stop signal during the question, or quit() after close())
        event->accept();
        return;
    }
    if (m_askBeforeClosing) {
        CloseQuestion question(closingCosts(), currentUser(), this);
        question.exec();
        if (question.clickedButton() != static_cast<QAbstractButton *>(question.closeButton())) {
            event->ignore();
            return;
        }
    }
    // Who closed it — or that nobody was signed in (a name cannot hold parentheses) — and what it left undone, as it
    // stands now that it closes. Closed at the lock card, it may not have been the person signed in: the record says so.
    const QString who = currentUser().isEmpty() ? QStringLiteral("(nobody)") : currentUser();
    QStringList detail{m_access->isLocked() ? QStringLiteral("while locked") : QString(), m_closeReason, closingCosts().record};
    detail.removeAll(QString());
    m_engine.recordOperatorAction(OperatorAction::CloseConsole, who, detail.join(QStringLiteral("; ")));
    m_closeRecorded = true;
    event->accept();
}

} // namespace cityops
