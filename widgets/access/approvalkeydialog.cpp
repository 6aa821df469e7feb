#include "access/approvalkeydialog.h"

#include "access/accesscontrol.h"
#include "access/accessoverlay.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace cityops {

ApprovalKeyDialog::ApprovalKeyDialog(AccessControl &access, QWidget *parent) : QDialog(parent), m_access(access)
{
    setWindowTitle(tr("Approval key"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Your approval key signs what you approve, and opens with your password. When your password was changed "
                                "where this console could not follow (the city directory's own tools, an expiry), the key still "
                                "opens only with the earlier one: type it once, and your password now, and the same key opens with "
                                "your password now. The gateways need nothing new."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto *form = new QFormLayout;
    auto *name = new QLabel(access.actor().user, this);
    m_earlier = new QLineEdit(this);
    m_earlier->setObjectName(QStringLiteral("earlierPassword"));
    m_earlier->setEchoMode(QLineEdit::Password);
    m_now = new QLineEdit(this);
    m_now->setObjectName(QStringLiteral("passwordNow"));
    m_now->setEchoMode(QLineEdit::Password);
    form->addRow(tr("Name"), name);
    form->addRow(tr("Earlier password"), m_earlier);
    form->addRow(tr("Your password now"), m_now);
    layout->addLayout(form);
    m_said = AccessOverlay::refusalLabel(this);
    layout->addWidget(m_said);
    auto *buttons = new QDialogButtonBox(this);
    m_move = buttons->addButton(tr("Move the key"), QDialogButtonBox::AcceptRole);
    m_move->setDefault(true);
    buttons->addButton(QDialogButtonBox::Cancel);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &ApprovalKeyDialog::submit);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_earlier->setFocus();
}

QString ApprovalKeyDialog::said() const { return m_said->isHidden() ? QString() : m_said->text(); }

void ApprovalKeyDialog::say(const QString &sentence)
{
    m_said->setText(sentence);
    m_said->setVisible(!sentence.isEmpty());
    adjustSize();   // grows with a refusal's wrapped lines (it names the key's file) rather than cutting them off
}

void ApprovalKeyDialog::submit()
{
    if (m_earlier->text().isEmpty() || m_now->text().isEmpty())
        return say(tr("Type both passwords: the earlier one opens the key, the one now seals it."));
    QByteArray earlier = m_earlier->text().toUtf8(), now = m_now->text().toUtf8();
    m_earlier->clear();
    m_now->clear();
    m_move->setEnabled(false);
    say(tr("Asking the directory…"));
    m_access.moveApprovalKey(std::move(earlier), std::move(now), this, [this](const Result<bool> &moved) {
        m_move->setEnabled(true);
        if (moved) {
            say({});
            accept();
            return;
        }
        say(moved.error());
        m_earlier->setFocus();
    });
}

} // namespace cityops
