// The main window's check of the record (Replay ▸ Check the record): the events' chain and every snapshot, on the
// thread pool, its progress in the status bar and its verdict in Messages.
#include "mainwindow.h"

#include "ops/opsconsole.h"
#include "replay/recordcheckrunner.h"
#include "security/commandsigner.h"
#include "store/eventstore.h"

#include <QAction>
#include <QMenu>
#include <QStatusBar>

namespace cityops {

void MainWindow::buildRecordCheck(QMenu *replay)
{
    m_recordCheck = new RecordCheckRunner(m_engine.cityPtr(), this);
    m_checkRecord = replay->addAction(tr("&Check the record"), this, [this] {
        const QString path = recordingPath();
        if (path.isEmpty()) {
            statusBar()->showMessage(tr("This console is not recording: there is no record to check."), 10000);
            return;
        }
        // The checkpoints are verified with the key this console signs them with; an archive opened read-only has
        // no writer here, and its chain alone is checked.
        const std::shared_ptr<const CommandSigner> key = m_engine.store() ? m_engine.store()->checkpointKey() : nullptr;
        if (!m_recordCheck->start(path, key ? key->publicKeyPem() : QByteArray())) {
            statusBar()->showMessage(tr("The record is being checked already."), 8000);
            return;
        }
        statusBar()->showMessage(tr("Checking the record…"));
        m_stopRecordCheck->setEnabled(true);
    });
    m_checkRecord->setToolTip(tr("Checks that the recording is as it was recorded: the events' signed chain, and every "
                                 "snapshot a replay starts from rebuilt from the events before it"));
    // A month's recording takes minutes: the one who started it may want the console's full attention back.
    m_stopRecordCheck = replay->addAction(tr("S&top checking the record"), m_recordCheck, &RecordCheckRunner::cancel);
    m_stopRecordCheck->setEnabled(false);
    connect(m_recordCheck, &RecordCheckRunner::progressed, this,
            [this](int percent) { statusBar()->showMessage(tr("Checking the record… %1 %").arg(percent)); });
    connect(m_recordCheck, &RecordCheckRunner::finished, this, [this](const RecordCheckRunner::Outcome &outcome) {
        m_stopRecordCheck->setEnabled(false);
        statusBar()->showMessage(outcome.text, 30000);
        if (!outcome.stopped)   // stopped by hand: no verdict to keep
            m_ops->post(!outcome.intact, outcome.text);
    });
}

} // namespace cityops
