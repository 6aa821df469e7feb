#include "mainwindow.h"

#include "access/accesscontrol.h"
#include "access/releasebeforeclose.h"
#include "ops/opsclient.h"
#include "ops/opsconsole.h"

#include <QCloseEvent>
#include <QFutureWatcher>
#include <QPushButton>
#include <QStatusBar>

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

void MainWindow::closeOnceWavesReleased()
{
    auto *releasing = new ReleaseBeforeClose(*m_ops, m_engine, [this](std::uint32_t id) { return m_engine.issuedHere(id); }, this);
    releasing->setAttribute(Qt::WA_DeleteOnClose);
    m_releasing = releasing;
    connect(releasing, &ReleaseBeforeClose::released, this, [this, releasing] {
        releasing->close();
        closeBecause(QStringLiteral("after its green waves' signals were released"));
    });
    connect(releasing, &ReleaseBeforeClose::closeNow, this, [this] {
        closeBecause(QStringLiteral("before its green waves' signals were released"));
    });
    connect(releasing, &ReleaseBeforeClose::keepRunning, this, [this] {
        statusBar()->showMessage(tr("Kept running: the green waves are stopped."), 10000);
    });
    releasing->open();   // window-modal, not a nested event loop: the field's reports keep coming in
    releasing->start();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_closeRecorded) {   // closing already (a stop signal during the question, or quit() after close())
        event->accept();
        return;
    }
    if (m_releasing && m_askBeforeClosing) {   // waiting for the waves' signals: that window says when it closes
        m_releasing->raise();
        event->ignore();
        return;
    }
    if (m_askBeforeClosing) {
        const OpsClient &client = m_ops->client();
        const bool mayStopWaves = client.whyNot().isEmpty() && permits(client.actor(), Permission::RequestCommand);
        CloseQuestion question(closingCosts(), currentUser(), mayStopWaves, this);
        question.exec();
        const QAbstractButton *chosen = question.clickedButton();
        if (chosen && chosen == question.stopWavesButton()) {
            event->ignore();
            closeOnceWavesReleased();
            return;
        }
        if (chosen != static_cast<QAbstractButton *>(question.closeButton())) {
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
