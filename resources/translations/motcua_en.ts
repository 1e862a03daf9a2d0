<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB">
<context>
    <name>ActionDialog</name>
    <message>
        <location filename="../../desktop/dossier_page/action_dialog.py" line="59"/>
        <source>List everything missing or incomplete, in one go (Mẫu 02).</source>
        <translation>List everything missing or incomplete, in one go (Mẫu 02).</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/action_dialog.py" line="61"/>
        <source>Document</source>
        <translation>Document</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/action_dialog.py" line="61"/>
        <source>What to add or complete</source>
        <translation>What to add or complete</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/action_dialog.py" line="64"/>
        <source>Add a line</source>
        <translation>Add a line</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/action_dialog.py" line="70"/>
        <source>Hand the dossier over for processing; a row is added to the control sheet.</source>
        <translation>Hand the dossier over for processing; a row is added to the control sheet.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/action_dialog.py" line="73"/>
        <source>Handed to</source>
        <translation>Handed to</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/action_dialog.py" line="75"/>
        <source>Apologise for the delay and give a new appointment date (Mẫu 04).</source>
        <translation>Apologise for the delay and give a new appointment date (Mẫu 04).</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/action_dialog.py" line="82"/>
        <source>New appointment date</source>
        <translation>New appointment date</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/action_dialog.py" line="84"/>
        <source>This prints %1.</source>
        <translation>This prints %1.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/action_dialog.py" line="97"/>
        <source>Confirm</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/action_dialog.py" line="98"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/action_dialog.py" line="107"/>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/action_dialog.py" line="109"/>
        <source>Reason for the delay</source>
        <translation>Reason for the delay</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/action_dialog.py" line="110"/>
        <source>Note (optional)</source>
        <translation>Note (optional)</translation>
    </message>
</context>
<context>
    <name>ApplicantForm</name>
    <message>
        <location filename="../../desktop/new_dossier/applicant_form.py" line="120"/>
        <source>Full &amp;name</source>
        <translation>Full &amp;name</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/applicant_form.py" line="121"/>
        <source>&amp;Birth date</source>
        <translation>&amp;Birth date</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/applicant_form.py" line="122"/>
        <source>Se&amp;x</source>
        <translation>Se&amp;x</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/applicant_form.py" line="123"/>
        <source>&amp;ID number</source>
        <translation>&amp;ID number</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/applicant_form.py" line="124"/>
        <source>&amp;Address</source>
        <translation>&amp;Address</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/applicant_form.py" line="125"/>
        <source>P&amp;hone</source>
        <translation>P&amp;hone</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/applicant_form.py" line="126"/>
        <source>E&amp;mail</source>
        <translation>E&amp;mail</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/applicant_form.py" line="127"/>
        <source>Nationality</source>
        <translation>Nationality</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/applicant_form.py" line="128"/>
        <source>Ethnicity</source>
        <translation>Ethnicity</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/applicant_form.py" line="129"/>
        <source>Marital status</source>
        <translation>Marital status</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/applicant_form.py" line="130"/>
        <source>Relationship to the person concerned</source>
        <translation>Relationship to the person concerned</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/applicant_form.py" line="134"/>
        <source>ID card &amp;QR: scan the chip ID card (F4)</source>
        <translation>ID card &amp;QR: scan the chip ID card (F4)</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/applicant_form.py" line="135"/>
        <source>Point the scanner at the card&apos;s QR code</source>
        <translation>Point the scanner at the card&apos;s QR code</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/applicant_form.py" line="136"/>
        <source>DD/MM/YYYY</source>
        <translation>DD/MM/YYYY</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/applicant_form.py" line="141"/>
        <source>Male</source>
        <translation>Male</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/applicant_form.py" line="142"/>
        <source>Female</source>
        <translation>Female</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/applicant_form.py" line="204"/>
        <source>name</source>
        <translation>name</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/applicant_form.py" line="205"/>
        <source>birth date</source>
        <translation>birth date</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/applicant_form.py" line="206"/>
        <source>sex</source>
        <translation>sex</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/applicant_form.py" line="207"/>
        <source>ID number</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/applicant_form.py" line="208"/>
        <source>address</source>
        <translation>address</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/applicant_form.py" line="212"/>
        <source>ID card read: its details show once the procedure is chosen.</source>
        <translation>ID card read: its details show once the procedure is chosen.</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/applicant_form.py" line="215"/>
        <source>%1 and %2</source>
        <translation>%1 and %2</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/applicant_form.py" line="216"/>
        <source>ID card read: %1 filled in.</source>
        <translation>ID card read: %1 filled in.</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/applicant_form.py" line="240"/>
        <source>Type the applicant&apos;s full name (or scan the ID card).</source>
        <translation>Type the applicant&apos;s full name (or scan the ID card).</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/applicant_form.py" line="248"/>
        <source>Type the birth date as DD/MM/YYYY, e.g. 05/09/1990.</source>
        <translation>Type the birth date as DD/MM/YYYY, e.g. 05/09/1990.</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/applicant_form.py" line="249"/>
        <source>The birth date {date} does not exist: check the day and the month.</source>
        <translation>The birth date {date} does not exist: check the day and the month.</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/applicant_form.py" line="253"/>
        <source>The birth date is after today.</source>
        <translation>The birth date is after today.</translation>
    </message>
</context>
<context>
    <name>AttachmentsPicker</name>
    <message>
        <location filename="../../desktop/new_dossier/attachments_picker.py" line="116"/>
        <source>Attached scans</source>
        <translation>Attached scans</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/attachments_picker.py" line="117"/>
        <source>Attach &amp;files… (F6)</source>
        <translation>Attach &amp;files… (F6)</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/attachments_picker.py" line="118"/>
        <source>&amp;Watch scanner folder…</source>
        <translation>&amp;Watch scanner folder…</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/attachments_picker.py" line="120"/>
        <location filename="../../desktop/new_dossier/attachments_picker.py" line="150"/>
        <source>Watching: {folder}</source>
        <translation>Watching: {folder}</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/attachments_picker.py" line="125"/>
        <source>Attach scans</source>
        <translation>Attach scans</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/attachments_picker.py" line="127"/>
        <source>Scans (*.pdf *.jpg *.jpeg *.png *.tif *.tiff);;All files (*)</source>
        <translation>Scans (*.pdf *.jpg *.jpeg *.png *.tif *.tiff);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/attachments_picker.py" line="132"/>
        <source>The folder the scanner saves into</source>
        <translation>The folder the scanner saves into</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/attachments_picker.py" line="223"/>
        <source>{name} is too large to attach.</source>
        <translation>{name} is too large to attach.</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/attachments_picker.py" line="226"/>
        <source>{name} could not be read: is it still open in the scanner program?</source>
        <translation>{name} could not be read: is it still open in the scanner program?</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/attachments_picker.py" line="231"/>
        <source>{name} could not be attached.</source>
        <translation>{name} could not be attached.</translation>
    </message>
</context>
<context>
    <name>ClerkPage</name>
    <message>
        <location filename="../../desktop/first_run_wizard/clerk_page.py" line="51"/>
        <source>First clerk account</source>
        <translation>First clerk account</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/clerk_page.py" line="53"/>
        <source>Step 3 of 5. The person who sets up the desk; more clerks can be added later.</source>
        <translation>Step 3 of 5. The person who sets up the desk; more clerks can be added later.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/first_run_wizard/clerk_page.py" line="57"/>
        <source>The passphrase opens the desk and protects citizens&apos; data on this computer. Use at least %n characters; a few words you remember are better than a short code. Nobody can read it back, not even IT.</source>
        <translation>
            <numerusform>The passphrase opens the desk and protects citizens&apos; data on this computer. Use at least %n character; a few words you remember are better than a short code. Nobody can read it back, not even IT.</numerusform>
            <numerusform>The passphrase opens the desk and protects citizens&apos; data on this computer. Use at least %n characters; a few words you remember are better than a short code. Nobody can read it back, not even IT.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/clerk_page.py" line="64"/>
        <source>&amp;Login name:</source>
        <translation>&amp;Login name:</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/clerk_page.py" line="65"/>
        <source>&amp;Full name:</source>
        <translation>&amp;Full name:</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/clerk_page.py" line="66"/>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Passphrase:</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/clerk_page.py" line="67"/>
        <source>&amp;Repeat passphrase:</source>
        <translation>&amp;Repeat passphrase:</translation>
    </message>
</context>
<context>
    <name>ClerksDialog</name>
    <message>
        <location filename="../../desktop/clerks_dialog.py" line="154"/>
        <source>Clerks of this desk</source>
        <translation>Clerks of this desk</translation>
    </message>
    <message>
        <location filename="../../desktop/clerks_dialog.py" line="157"/>
        <source>Each clerk has her own login and passphrase. The head clerk adds and removes clerks; every change in a dossier&apos;s timeline names the clerk who made it.</source>
        <translation>Each clerk has her own login and passphrase. The head clerk adds and removes clerks; every change in a dossier&apos;s timeline names the clerk who made it.</translation>
    </message>
    <message>
        <location filename="../../desktop/clerks_dialog.py" line="161"/>
        <source>Full name</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../desktop/clerks_dialog.py" line="161"/>
        <source>Login</source>
        <translation>Login</translation>
    </message>
    <message>
        <location filename="../../desktop/clerks_dialog.py" line="161"/>
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../desktop/clerks_dialog.py" line="162"/>
        <source>&amp;Remove the selected clerk…</source>
        <translation>&amp;Remove the selected clerk…</translation>
    </message>
    <message>
        <location filename="../../desktop/clerks_dialog.py" line="165"/>
        <source>Removing a clerk takes her passphrase off this desk. For a clerk who has left the office, IT can run “motcua rotate-key --remove LOGIN” instead: it removes her account and re-encrypts the data under a new key, so an old copy of the key file no longer opens it.</source>
        <translation>Removing a clerk takes her passphrase off this desk. For a clerk who has left the office, IT can run “motcua rotate-key --remove LOGIN” instead: it removes her account and re-encrypts the data under a new key, so an old copy of the key file no longer opens it.</translation>
    </message>
    <message>
        <location filename="../../desktop/clerks_dialog.py" line="170"/>
        <source>Add a clerk</source>
        <translation>Add a clerk</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/clerks_dialog.py" line="173"/>
        <source>The new clerk types her own passphrase, twice: at least %n characters, a few words she remembers. Nobody can read it back.</source>
        <translation>
            <numerusform>The new clerk types her own passphrase, twice: at least %n character, a few words she remembers. Nobody can read it back.</numerusform>
            <numerusform>The new clerk types her own passphrase, twice: at least %n characters, a few words she remembers. Nobody can read it back.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/clerks_dialog.py" line="179"/>
        <source>&amp;Login name:</source>
        <translation>&amp;Login name:</translation>
    </message>
    <message>
        <location filename="../../desktop/clerks_dialog.py" line="180"/>
        <source>&amp;Full name:</source>
        <translation>&amp;Full name:</translation>
    </message>
    <message>
        <location filename="../../desktop/clerks_dialog.py" line="181"/>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Passphrase:</translation>
    </message>
    <message>
        <location filename="../../desktop/clerks_dialog.py" line="182"/>
        <source>Re&amp;type the passphrase:</source>
        <translation>Re&amp;type the passphrase:</translation>
    </message>
    <message>
        <location filename="../../desktop/clerks_dialog.py" line="183"/>
        <source>R&amp;ole:</source>
        <translation>R&amp;ole:</translation>
    </message>
    <message>
        <location filename="../../desktop/clerks_dialog.py" line="189"/>
        <source>&amp;Add the clerk</source>
        <translation>&amp;Add the clerk</translation>
    </message>
    <message>
        <location filename="../../desktop/clerks_dialog.py" line="190"/>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../desktop/clerks_dialog.py" line="195"/>
        <source>Head clerk</source>
        <translation>Head clerk</translation>
    </message>
    <message>
        <location filename="../../desktop/clerks_dialog.py" line="195"/>
        <source>Clerk</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <location filename="../../desktop/clerks_dialog.py" line="206"/>
        <location filename="../../desktop/clerks_dialog.py" line="253"/>
        <source>Only the desk&apos;s head clerk can add or remove clerks.</source>
        <translation>Only the desk&apos;s head clerk can add or remove clerks.</translation>
    </message>
    <message>
        <location filename="../../desktop/clerks_dialog.py" line="207"/>
        <source>A clerk with this login already exists. Choose another login.</source>
        <translation>A clerk with this login already exists. Choose another login.</translation>
    </message>
    <message>
        <location filename="../../desktop/clerks_dialog.py" line="208"/>
        <source>A login name has 1 to 64 visible characters.</source>
        <translation>A login name has 1 to 64 visible characters.</translation>
    </message>
    <message>
        <location filename="../../desktop/clerks_dialog.py" line="209"/>
        <source>Enter the clerk&apos;s full name (at most 100 characters).</source>
        <translation>Enter the clerk&apos;s full name (at most 100 characters).</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/clerks_dialog.py" line="211"/>
        <source>The passphrase is too short: use at least %n characters.</source>
        <translation>
            <numerusform>The passphrase is too short: use at least %n character.</numerusform>
            <numerusform>The passphrase is too short: use at least %n characters.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/clerks_dialog.py" line="213"/>
        <source>This clerk is no longer on the list.</source>
        <translation>This clerk is no longer on the list.</translation>
    </message>
    <message>
        <location filename="../../desktop/clerks_dialog.py" line="214"/>
        <source>You cannot remove your own account: another head clerk can.</source>
        <translation>You cannot remove your own account: another head clerk can.</translation>
    </message>
    <message>
        <location filename="../../desktop/clerks_dialog.py" line="215"/>
        <source>The desk&apos;s last head clerk cannot be removed.</source>
        <translation>The desk&apos;s last head clerk cannot be removed.</translation>
    </message>
    <message>
        <location filename="../../desktop/clerks_dialog.py" line="216"/>
        <source>The key file cannot be changed now. Ask IT.</source>
        <translation>The key file cannot be changed now. Ask IT.</translation>
    </message>
    <message>
        <location filename="../../desktop/clerks_dialog.py" line="220"/>
        <source>The clerk accounts could not be changed (%1). Try again or ask IT.</source>
        <translation>The clerk accounts could not be changed (%1). Try again or ask IT.</translation>
    </message>
    <message>
        <location filename="../../desktop/clerks_dialog.py" line="317"/>
        <source>Adding the clerk…</source>
        <translation>Adding the clerk…</translation>
    </message>
    <message>
        <location filename="../../desktop/clerks_dialog.py" line="339"/>
        <source>%1 (%2) is added: she unlocks the desk with her own passphrase.</source>
        <translation>%1 (%2) is added: she unlocks the desk with her own passphrase.</translation>
    </message>
    <message>
        <location filename="../../desktop/clerks_dialog.py" line="357"/>
        <source>Remove the account of %1 (%2)? She will no longer be able to unlock this desk.</source>
        <translation>Remove the account of %1 (%2)? She will no longer be able to unlock this desk.</translation>
    </message>
    <message>
        <location filename="../../desktop/clerks_dialog.py" line="361"/>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../desktop/clerks_dialog.py" line="362"/>
        <source>Keep</source>
        <translation>Keep</translation>
    </message>
    <message>
        <location filename="../../desktop/clerks_dialog.py" line="385"/>
        <source>%1 (%2) can no longer unlock this desk. If she has left the office, ask IT to run “motcua rotate-key”: it re-encrypts the data under a new key.</source>
        <translation>%1 (%2) can no longer unlock this desk. If she has left the office, ask IT to run “motcua rotate-key”: it re-encrypts the data under a new key.</translation>
    </message>
</context>
<context>
    <name>CommuneNotice</name>
    <message>
        <location filename="../../desktop/commune_notice.py" line="52"/>
        <source>The province&apos;s list of communes says %1 (%2) was merged into %3 (%4). This desk still works as %2: ask IT to set it up for the new commune.</source>
        <translation>The province&apos;s list of communes says %1 (%2) was merged into %3 (%4). This desk still works as %2: ask IT to set it up for the new commune.</translation>
    </message>
    <message>
        <location filename="../../desktop/commune_notice.py" line="61"/>
        <source>Commune %2 is not in the province&apos;s list of communes. This desk still works as %2: tell IT.</source>
        <translation>Commune %2 is not in the province&apos;s list of communes. This desk still works as %2: tell IT.</translation>
    </message>
</context>
<context>
    <name>CommunePage</name>
    <message>
        <location filename="../../desktop/first_run_wizard/commune_page.py" line="26"/>
        <source>Your commune</source>
        <translation>Your commune</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/commune_page.py" line="28"/>
        <source>Step 1 of 5. Choose the province, then the commune or ward this desk serves.</source>
        <translation>Step 1 of 5. Choose the province, then the commune or ward this desk serves.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/commune_page.py" line="34"/>
        <source>The list is the official one (34 provinces and cities, 3,321 communes and wards, 2025).</source>
        <translation>The list is the official one (34 provinces and cities, 3,321 communes and wards, 2025).</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/commune_page.py" line="39"/>
        <source>The list is the one your province published (%1 communes and wards).</source>
        <translation>The list is the one your province published (%1 communes and wards).</translation>
    </message>
</context>
<context>
    <name>CommunePicker</name>
    <message>
        <location filename="../../desktop/commune_picker.py" line="171"/>
        <source>&amp;Province or city:</source>
        <translation>&amp;Province or city:</translation>
    </message>
    <message>
        <location filename="../../desktop/commune_picker.py" line="172"/>
        <source>&amp;Commune or ward:</source>
        <translation>&amp;Commune or ward:</translation>
    </message>
    <message>
        <location filename="../../desktop/commune_picker.py" line="173"/>
        <source>Type to search, e.g. ha noi</source>
        <translation>Type to search, e.g. ha noi</translation>
    </message>
    <message>
        <location filename="../../desktop/commune_picker.py" line="174"/>
        <source>Type to search, e.g. hoan kiem</source>
        <translation>Type to search, e.g. hoan kiem</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <location filename="../../desktop/dossier_page/conflict_dialog.py" line="43"/>
        <source>Type the new value first.</source>
        <translation>Type the new value first.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/conflict_dialog.py" line="47"/>
        <source>Type a whole number.</source>
        <translation>Type a whole number.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/conflict_dialog.py" line="58"/>
        <source>Type a date as day/month/year, e.g. 23/02/2026.</source>
        <translation>Type a date as day/month/year, e.g. 23/02/2026.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/conflict_dialog.py" line="72"/>
        <source>Conflict: %1</source>
        <translation>Conflict: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/conflict_dialog.py" line="81"/>
        <source>%1 was changed in two places at the same time.</source>
        <translation>%1 was changed in two places at the same time.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/conflict_dialog.py" line="90"/>
        <source>Decide which value is right. Nothing is lost: every write stays in the timeline. Times are those of each device&apos;s clock.</source>
        <translation>Decide which value is right. Nothing is lost: every write stays in the timeline. Times are those of each device&apos;s clock.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/conflict_dialog.py" line="103"/>
        <source>Value %1</source>
        <translation>Value %1</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/conflict_dialog.py" line="109"/>
        <source>Shown now, until you decide</source>
        <translation>Shown now, until you decide</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/conflict_dialog.py" line="115"/>
        <source>By %1, %2, at %3 (that device&apos;s clock)</source>
        <translation>By %1, %2, at %3 (that device&apos;s clock)</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/conflict_dialog.py" line="133"/>
        <source>Type a new value:</source>
        <translation>Type a new value:</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/conflict_dialog.py" line="141"/>
        <source>A status conflict is settled by choosing one of the two changes.</source>
        <translation>A status conflict is settled by choosing one of the two changes.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/conflict_dialog.py" line="151"/>
        <source>Resolve</source>
        <translation>Resolve</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/conflict_dialog.py" line="152"/>
        <source>Decide later</source>
        <translation>Decide later</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/conflict_dialog.py" line="175"/>
        <source>Choose one of the values, or type a new one.</source>
        <translation>Choose one of the values, or type a new one.</translation>
    </message>
</context>
<context>
    <name>CorrectionDialog</name>
    <message>
        <location filename="../../desktop/dossier_page/correction_dialog.py" line="71"/>
        <source>Correct the dossier&apos;s details</source>
        <translation>Correct the dossier&apos;s details</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/correction_dialog.py" line="79"/>
        <source>DD/MM/YYYY</source>
        <translation>DD/MM/YYYY</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/correction_dialog.py" line="82"/>
        <source>Male</source>
        <translation>Male</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/correction_dialog.py" line="83"/>
        <source>Female</source>
        <translation>Female</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/correction_dialog.py" line="93"/>
        <source>Full &amp;name</source>
        <translation>Full &amp;name</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/correction_dialog.py" line="94"/>
        <source>&amp;Birth date</source>
        <translation>&amp;Birth date</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/correction_dialog.py" line="95"/>
        <source>Se&amp;x</source>
        <translation>Se&amp;x</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/correction_dialog.py" line="96"/>
        <source>&amp;ID number</source>
        <translation>&amp;ID number</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/correction_dialog.py" line="97"/>
        <source>&amp;Address</source>
        <translation>&amp;Address</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/correction_dialog.py" line="98"/>
        <source>P&amp;hone</source>
        <translation>P&amp;hone</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/correction_dialog.py" line="99"/>
        <source>E&amp;mail</source>
        <translation>E&amp;mail</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/correction_dialog.py" line="107"/>
        <source>Document</source>
        <translation>Document</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/correction_dialog.py" line="107"/>
        <source>Form</source>
        <translation>Form</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/correction_dialog.py" line="107"/>
        <source>Count</source>
        <translation>Count</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/correction_dialog.py" line="107"/>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/correction_dialog.py" line="113"/>
        <source>A&amp;dd a document</source>
        <translation>A&amp;dd a document</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/correction_dialog.py" line="115"/>
        <source>&amp;Remove the selected document</source>
        <translation>&amp;Remove the selected document</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/correction_dialog.py" line="121"/>
        <source>Documents received</source>
        <translation>Documents received</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/correction_dialog.py" line="131"/>
        <source>R&amp;eason for the correction (required)</source>
        <translation>R&amp;eason for the correction (required)</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/correction_dialog.py" line="140"/>
        <source>Save the correction</source>
        <translation>Save the correction</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/correction_dialog.py" line="141"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/correction_dialog.py" line="147"/>
        <source>Change what is wrong and give the reason; the timeline keeps the old values.</source>
        <translation>Change what is wrong and give the reason; the timeline keeps the old values.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/correction_dialog.py" line="188"/>
        <source>The dossier has left the desk: only the contact details (address, phone, email) can still be corrected.</source>
        <translation>The dossier has left the desk: only the contact details (address, phone, email) can still be corrected.</translation>
    </message>
</context>
<context>
    <name>CorrectionWords</name>
    <message>
        <location filename="../../desktop/dossier_page/correction_words.py" line="25"/>
        <source>These details can no longer be corrected: %1. The dossier&apos;s status is now: %2.</source>
        <translation>These details can no longer be corrected: %1. The dossier&apos;s status is now: %2.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/correction_words.py" line="33"/>
        <source>Nothing was changed: correct a detail first.</source>
        <translation>Nothing was changed: correct a detail first.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/correction_words.py" line="35"/>
        <source>Give the reason for the correction.</source>
        <translation>Give the reason for the correction.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/correction_words.py" line="38"/>
        <source>The full name cannot be empty.</source>
        <translation>The full name cannot be empty.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/correction_words.py" line="39"/>
        <source>The birth date is after today.</source>
        <translation>The birth date is after today.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/correction_words.py" line="40"/>
        <source>Every document needs its name.</source>
        <translation>Every document needs its name.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/correction_words.py" line="41"/>
        <source>Every document&apos;s count must be at least 1.</source>
        <translation>Every document&apos;s count must be at least 1.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/correction_words.py" line="47"/>
        <source>A corrected value is not acceptable.</source>
        <translation>A corrected value is not acceptable.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/correction_words.py" line="53"/>
        <source>Type the birth date as DD/MM/YYYY, e.g. 05/09/1990.</source>
        <translation>Type the birth date as DD/MM/YYYY, e.g. 05/09/1990.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/correction_words.py" line="56"/>
        <source>The birth date does not exist: check the day and the month.</source>
        <translation>The birth date does not exist: check the day and the month.</translation>
    </message>
</context>
<context>
    <name>DeskController</name>
    <message>
        <location filename="../../desktop/app.py" line="209"/>
        <source>motcua is already open on this computer, or IT is working on its data (%1). Close it, then start motcua again.</source>
        <translation>motcua is already open on this computer, or IT is working on its data (%1). Close it, then start motcua again.</translation>
    </message>
    <message>
        <location filename="../../desktop/app.py" line="463"/>
        <source>Something could not be saved (%1). Try again or ask IT.</source>
        <translation>Something could not be saved (%1). Try again or ask IT.</translation>
    </message>
</context>
<context>
    <name>DeskScreens</name>
    <message>
        <location filename="../../desktop/desk_screens.py" line="148"/>
        <source>Register and on-time &amp;statistics…</source>
        <translation>Register and on-time &amp;statistics…</translation>
    </message>
    <message>
        <location filename="../../desktop/desk_screens.py" line="149"/>
        <source>&amp;Versions and updates…</source>
        <translation>&amp;Versions and updates…</translation>
    </message>
    <message>
        <location filename="../../desktop/desk_screens.py" line="150"/>
        <source>Other &amp;desks of this commune (LAN)…</source>
        <translation>Other &amp;desks of this commune (LAN)…</translation>
    </message>
    <message>
        <location filename="../../desktop/desk_screens.py" line="163"/>
        <source>A new version from the province has arrived (%1): it is used from the next start.</source>
        <translation>A new version from the province has arrived (%1): it is used from the next start.</translation>
    </message>
</context>
<context>
    <name>DocumentsChecklist</name>
    <message>
        <location filename="../../desktop/new_dossier/documents_checklist.py" line="35"/>
        <source>&amp;Documents handed in (Space ticks, F5)</source>
        <translation>&amp;Documents handed in (Space ticks, F5)</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/documents_checklist.py" line="56"/>
        <source>required</source>
        <translation>required</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/documents_checklist.py" line="56"/>
        <source>if applicable</source>
        <translation>if applicable</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/documents_checklist.py" line="58"/>
        <source>copy(ies)</source>
        <translation>copy(ies)</translation>
    </message>
</context>
<context>
    <name>DossierWindow</name>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="300"/>
        <source>Dossier code</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="301"/>
        <source>Procedure</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="302"/>
        <source>Applicant</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="303"/>
        <source>ID number</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="304"/>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="305"/>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="306"/>
        <source>Received</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="307"/>
        <source>Appointment</source>
        <translation>Appointment</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="308"/>
        <source>Fee</source>
        <translation>Fee</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="309"/>
        <source>Received by</source>
        <translation>Received by</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="313"/>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="314"/>
        <source>Documents received</source>
        <translation>Documents received</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="315"/>
        <source>Attachments</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="316"/>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="317"/>
        <source>Export…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="318"/>
        <source>Timeline (every change, oldest first)</source>
        <translation>Timeline (every change, oldest first)</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="319"/>
        <source>Actions</source>
        <translation>Actions</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="320"/>
        <source>Print the control sheet (Mẫu 06)</source>
        <translation>Print the control sheet (Mẫu 06)</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="321"/>
        <source>&amp;Correct details…</source>
        <translation>&amp;Correct details…</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="322"/>
        <source>Correct the applicant&apos;s details or the documents (Ctrl+E)</source>
        <translation>Correct the applicant&apos;s details or the documents (Ctrl+E)</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="323"/>
        <source>Reprint the receipt (Mẫu 01)</source>
        <translation>Reprint the receipt (Mẫu 01)</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="324"/>
        <source>Close (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="325"/>
        <source>Open conflicts</source>
        <translation>Open conflicts</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="329"/>
        <source>Dossier</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="330"/>
        <source>Loading the dossier…</source>
        <translation>Loading the dossier…</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="362"/>
        <source>(no code yet)</source>
        <translation>(no code yet)</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="363"/>
        <source>Dossier %1</source>
        <translation>Dossier %1</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="365"/>
        <source>Status: %1</source>
        <translation>Status: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="376"/>
        <source>No fee</source>
        <translation>No fee</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="381"/>
        <source> (in conflict)</source>
        <translation> (in conflict)</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="390"/>
        <source>(none recorded)</source>
        <translation>(none recorded)</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="418"/>
        <source>Correction saved. Reprint the receipt (Mẫu 01) with the corrected details?</source>
        <translation>Correction saved. Reprint the receipt (Mẫu 01) with the corrected details?</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="434"/>
        <source>Overdue (due %1)</source>
        <translation>Overdue (due %1)</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="436"/>
        <source>Returned on time (due %1)</source>
        <translation>Returned on time (due %1)</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="438"/>
        <source>Due today (%1)</source>
        <translation>Due today (%1)</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="440"/>
        <source>Due %1</source>
        <translation>Due %1</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="455"/>
        <source>No action: the dossier is closed</source>
        <translation>No action: the dossier is closed</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="470"/>
        <source>Changes made at the same time elsewhere disagree. Until you decide, the desk shows one of them.</source>
        <translation>Changes made at the same time elsewhere disagree. Until you decide, the desk shows one of them.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="475"/>
        <source>Resolve: %1</source>
        <translation>Resolve: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="487"/>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="488"/>
        <source>Saving…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="529"/>
        <source>Saved: %1</source>
        <translation>Saved: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="637"/>
        <source>Conflict resolved: %1</source>
        <translation>Conflict resolved: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="684"/>
        <source>downloading from the province…</source>
        <translation>downloading from the province…</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="686"/>
        <source>not available offline: the province cannot be reached now</source>
        <translation>not available offline: the province cannot be reached now</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="688"/>
        <source>not at the province yet: the desk that received it has not synced</source>
        <translation>not at the province yet: the desk that received it has not synced</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="733"/>
        <source>%1, %2: this desk cannot show it; use Export… to save a copy where you choose.</source>
        <translation>%1, %2: this desk cannot show it; use Export… to save a copy where you choose.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="747"/>
        <source>Export the attachment</source>
        <translation>Export the attachment</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="769"/>
        <source>Saved to %1</source>
        <translation>Saved to %1</translation>
    </message>
</context>
<context>
    <name>DossierWords</name>
    <message>
        <location filename="../../desktop/dossier_page/field_words.py" line="39"/>
        <source>Commune</source>
        <translation>Commune</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/field_words.py" line="40"/>
        <source>Procedure code</source>
        <translation>Procedure code</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/field_words.py" line="41"/>
        <source>Procedure</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/field_words.py" line="42"/>
        <source>Applicant</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/field_words.py" line="43"/>
        <source>Date of birth</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/field_words.py" line="44"/>
        <source>Sex</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/field_words.py" line="45"/>
        <source>ID number</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/field_words.py" line="46"/>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/field_words.py" line="47"/>
        <source>Phone number</source>
        <translation>Phone number</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/field_words.py" line="48"/>
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/field_words.py" line="49"/>
        <source>Channel</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/field_words.py" line="50"/>
        <source>Received</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/field_words.py" line="51"/>
        <source>Received by</source>
        <translation>Received by</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/field_words.py" line="52"/>
        <source>Dossier code</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/field_words.py" line="53"/>
        <source>Appointment</source>
        <translation>Appointment</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/field_words.py" line="54"/>
        <source>Sets</source>
        <translation>Sets</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/field_words.py" line="55"/>
        <source>Fee</source>
        <translation>Fee</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/field_words.py" line="56"/>
        <source>Result delivery</source>
        <translation>Result delivery</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/field_words.py" line="57"/>
        <source>Register line</source>
        <translation>Register line</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/field_words.py" line="58"/>
        <source>Result returned</source>
        <translation>Result returned</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/field_words.py" line="59"/>
        <location filename="../../desktop/dossier_page/field_words.py" line="60"/>
        <source>Documents</source>
        <translation>Documents</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/field_words.py" line="61"/>
        <source>Correction</source>
        <translation>Correction</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/field_words.py" line="62"/>
        <source>Attachments</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/field_words.py" line="63"/>
        <source>Hand-over</source>
        <translation>Hand-over</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/field_words.py" line="64"/>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/field_words.py" line="65"/>
        <source>Request</source>
        <translation>Request</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/field_words.py" line="66"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/field_words.py" line="67"/>
        <source>Province&apos;s decision</source>
        <translation>Province&apos;s decision</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/field_words.py" line="95"/>
        <source>(empty)</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/field_words.py" line="114"/>
        <source>male</source>
        <translation>male</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/field_words.py" line="115"/>
        <source>female</source>
        <translation>female</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/field_words.py" line="166"/>
        <source>Corrected: %1 — reason: %2</source>
        <translation>Corrected: %1 — reason: %2</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/field_words.py" line="185"/>
        <source>this workstation</source>
        <translation>this workstation</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/field_words.py" line="187"/>
        <source>province</source>
        <translation>province</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/field_words.py" line="188"/>
        <source>another desk (%1)</source>
        <translation>another desk (%1)</translation>
    </message>
</context>
<context>
    <name>EmptyQueue</name>
    <message>
        <location filename="../../desktop/main_window.py" line="55"/>
        <source>No dossiers in the queue yet. Dossiers you receive will be listed here.</source>
        <translation>No dossiers in the queue yet. Dossiers you receive will be listed here.</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="56"/>
        <source>Receive a new dossier (F2)</source>
        <translation>Receive a new dossier (F2)</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="57"/>
        <source>Available when the dossier screens land</source>
        <translation>Available when the dossier screens land</translation>
    </message>
</context>
<context>
    <name>EnrolPage</name>
    <message>
        <location filename="../../desktop/first_run_wizard/enrol_page.py" line="86"/>
        <source>Provincial server (optional)</source>
        <translation>Provincial server (optional)</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/enrol_page.py" line="87"/>
        <source>Step 5 of 5. The desk works fully without it; sync can be set up later.</source>
        <translation>Step 5 of 5. The desk works fully without it; sync can be set up later.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/enrol_page.py" line="90"/>
        <source>Enrolling connects this desk to the provincial server with the address and one-time code from provincial IT, so dossiers are sent to the province and this desk gets its own block of dossier numbers. Without them, press Next: IT can enrol the desk later.</source>
        <translation>Enrolling connects this desk to the provincial server with the address and one-time code from provincial IT, so dossiers are sent to the province and this desk gets its own block of dossier numbers. Without them, press Next: IT can enrol the desk later.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/enrol_page.py" line="95"/>
        <source>Server &amp;address:</source>
        <translation>Server &amp;address:</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/enrol_page.py" line="96"/>
        <source>One-time &amp;code:</source>
        <translation>One-time &amp;code:</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/enrol_page.py" line="97"/>
        <source>CA certificate (if IT gave one):</source>
        <translation>CA certificate (if IT gave one):</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/enrol_page.py" line="98"/>
        <source>C&amp;hoose…</source>
        <translation>C&amp;hoose…</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/enrol_page.py" line="99"/>
        <source>&amp;Enrol</source>
        <translation>&amp;Enrol</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/enrol_page.py" line="119"/>
        <source>CA certificate</source>
        <translation>CA certificate</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/enrol_page.py" line="119"/>
        <source>Certificate (*.pem *.crt);;All files (*)</source>
        <translation>Certificate (*.pem *.crt);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/enrol_page.py" line="133"/>
        <source>The server address starts with https://, for example https://motcua.tinh.gov.vn.</source>
        <translation>The server address starts with https://, for example https://motcua.tinh.gov.vn.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/enrol_page.py" line="135"/>
        <source>Type the one-time code from provincial IT.</source>
        <translation>Type the one-time code from provincial IT.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/enrol_page.py" line="137"/>
        <source>Choose the commune first (step 1).</source>
        <translation>Choose the commune first (step 1).</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/enrol_page.py" line="185"/>
        <source>Connecting to the provincial server…</source>
        <translation>Connecting to the provincial server…</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/enrol_page.py" line="190"/>
        <source>Enrolled. This desk&apos;s dossier numbers: %1, agency identifier %2 (from the province). Press Next.</source>
        <translation>Enrolled. This desk&apos;s dossier numbers: %1, agency identifier %2 (from the province). Press Next.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/enrol_page.py" line="202"/>
        <source>You can correct it and press Enrol again, or press Next to continue without enrolling.</source>
        <translation>You can correct it and press Enrol again, or press Next to continue without enrolling.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/enrol_page.py" line="206"/>
        <source>The server does not know this code. Check it with provincial IT.</source>
        <translation>The server does not know this code. Check it with provincial IT.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/enrol_page.py" line="207"/>
        <source>This code was already used. Ask provincial IT for a new one.</source>
        <translation>This code was already used. Ask provincial IT for a new one.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/enrol_page.py" line="208"/>
        <source>This code has expired. Ask provincial IT for a new one.</source>
        <translation>This code has expired. Ask provincial IT for a new one.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/enrol_page.py" line="210"/>
        <source>This code was made for another commune than the one chosen in step 1.</source>
        <translation>This code was made for another commune than the one chosen in step 1.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/enrol_page.py" line="213"/>
        <source>The provincial server does not serve the commune chosen in step 1.</source>
        <translation>The provincial server does not serve the commune chosen in step 1.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/enrol_page.py" line="216"/>
        <source>The commune has no free block of dossier numbers left. Provincial IT must free one.</source>
        <translation>The commune has no free block of dossier numbers left. Provincial IT must free one.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/enrol_page.py" line="219"/>
        <source>The provincial server refused the enrolment.</source>
        <translation>The provincial server refused the enrolment.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/enrol_page.py" line="222"/>
        <source>The provincial server cannot be reached. Check the address, the network cable or Wi-Fi, and the certificate file.</source>
        <translation>The provincial server cannot be reached. Check the address, the network cable or Wi-Fi, and the certificate file.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/enrol_page.py" line="226"/>
        <source>The provincial server needs a newer version of motcua. Ask IT to update it.</source>
        <translation>The provincial server needs a newer version of motcua. Ask IT to update it.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/enrol_page.py" line="228"/>
        <source>The provincial server could not enrol this desk (%1).</source>
        <translation>The provincial server could not enrol this desk (%1).</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/enrol_page.py" line="230"/>
        <source>The enrolment failed (%1).</source>
        <translation>The enrolment failed (%1).</translation>
    </message>
</context>
<context>
    <name>ExercisesDialog</name>
    <message>
        <location filename="../../desktop/practice/exercises_dialog.py" line="41"/>
        <source>Practice exercises</source>
        <translation>Practice exercises</translation>
    </message>
    <message>
        <location filename="../../desktop/practice/exercises_dialog.py" line="46"/>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../desktop/practice/exercises_dialog.py" line="46"/>
        <source>Exercise</source>
        <translation>Exercise</translation>
    </message>
    <message>
        <location filename="../../desktop/practice/exercises_dialog.py" line="46"/>
        <source>What the check found</source>
        <translation>What the check found</translation>
    </message>
    <message>
        <location filename="../../desktop/practice/exercises_dialog.py" line="56"/>
        <source>&amp;Check my work</source>
        <translation>&amp;Check my work</translation>
    </message>
    <message>
        <location filename="../../desktop/practice/exercises_dialog.py" line="58"/>
        <source>&amp;Reset to the start…</source>
        <translation>&amp;Reset to the start…</translation>
    </message>
    <message>
        <location filename="../../desktop/practice/exercises_dialog.py" line="59"/>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../desktop/practice/exercises_dialog.py" line="61"/>
        <source>&amp;Trainee:</source>
        <translation>&amp;Trainee:</translation>
    </message>
    <message>
        <location filename="../../desktop/practice/exercises_dialog.py" line="82"/>
        <source>Type your name first: progress is kept per trainee.</source>
        <translation>Type your name first: progress is kept per trainee.</translation>
    </message>
    <message>
        <location filename="../../desktop/practice/exercises_dialog.py" line="88"/>
        <source>Checking…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../../desktop/practice/exercises_dialog.py" line="108"/>
        <source>Progress: %1 of %2 exercises done.</source>
        <translation>Progress: %1 of %2 exercises done.</translation>
    </message>
    <message>
        <location filename="../../desktop/practice/exercises_dialog.py" line="116"/>
        <source>The check could not run (%1).</source>
        <translation>The check could not run (%1).</translation>
    </message>
</context>
<context>
    <name>FinishPage</name>
    <message>
        <location filename="../../desktop/first_run_wizard/finish_page.py" line="57"/>
        <source>Ready</source>
        <translation>Ready</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/finish_page.py" line="58"/>
        <source>Check the details, then press Finish to create the desk&apos;s encrypted data.</source>
        <translation>Check the details, then press Finish to create the desk&apos;s encrypted data.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/finish_page.py" line="70"/>
        <source>Commune: %1</source>
        <translation>Commune: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/finish_page.py" line="71"/>
        <source>Province: %1</source>
        <translation>Province: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/finish_page.py" line="72"/>
        <source>Agency identifier: %1</source>
        <translation>Agency identifier: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/finish_page.py" line="73"/>
        <source>Open on Saturday morning: %1</source>
        <translation>Open on Saturday morning: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/finish_page.py" line="74"/>
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/finish_page.py" line="74"/>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/finish_page.py" line="76"/>
        <source>First clerk: %1</source>
        <translation>First clerk: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/finish_page.py" line="77"/>
        <source>Recovery key: %1</source>
        <translation>Recovery key: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/finish_page.py" line="78"/>
        <source>loaded</source>
        <translation>loaded</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/finish_page.py" line="78"/>
        <source>none (skipped)</source>
        <translation>none (skipped)</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/finish_page.py" line="83"/>
        <source>Provincial server: enrolled, dossier numbers %1</source>
        <translation>Provincial server: enrolled, dossier numbers %1</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/finish_page.py" line="85"/>
        <source>Provincial server: not enrolled (the desk works on its own)</source>
        <translation>Provincial server: not enrolled (the desk works on its own)</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <location filename="../../desktop/first_run_wizard/wizard.py" line="83"/>
        <source>motcua: setting up the one-stop desk</source>
        <translation>motcua: setting up the one-stop desk</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/wizard.py" line="84"/>
        <source>&lt; &amp;Back</source>
        <translation>&lt; &amp;Back</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/wizard.py" line="85"/>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Next &gt;</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/wizard.py" line="86"/>
        <source>&amp;Finish</source>
        <translation>&amp;Finish</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/wizard.py" line="87"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/wizard.py" line="179"/>
        <source>Creating the encrypted data. This takes a few seconds…</source>
        <translation>Creating the encrypted data. This takes a few seconds…</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/wizard.py" line="199"/>
        <source>The desk could not be set up: %1. Nothing was saved; ask IT for help.</source>
        <translation>The desk could not be set up: %1. Nothing was saved; ask IT for help.</translation>
    </message>
</context>
<context>
    <name>LanDialog</name>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="443"/>
        <source>never</source>
        <translation>never</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="479"/>
        <source>The LAN is off: this desk syncs with no other desk.</source>
        <translation>The LAN is off: this desk syncs with no other desk.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="482"/>
        <source>The LAN is on: this desk listens on port %1.</source>
        <translation>The LAN is on: this desk listens on port %1.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="494"/>
        <source>On the other desk, type this code and the address %1 (valid for 10 minutes).</source>
        <translation>On the other desk, type this code and the address %1 (valid for 10 minutes).</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="501"/>
        <source>Looking for the desks of this commune on the LAN…</source>
        <translation>Looking for the desks of this commune on the LAN…</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="522"/>
        <source>No desk of this commune answered on the LAN (the network may block it, or the desk is on another subnet): type the address the other desk shows.</source>
        <translation>No desk of this commune answered on the LAN (the network may block it, or the desk is on another subnet): type the address the other desk shows.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="528"/>
        <source>Desks found on the LAN: %1. Choose one, or type the address.</source>
        <translation>Desks found on the LAN: %1. Choose one, or type the address.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="553"/>
        <source>Type the address as the other desk shows it, like 192.168.1.20:47470.</source>
        <translation>Type the address as the other desk shows it, like 192.168.1.20:47470.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="562"/>
        <source>Paired with %1. The two desks now sync with each other.</source>
        <translation>Paired with %1. The two desks now sync with each other.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="572"/>
        <source>Desks of this commune</source>
        <translation>Desks of this commune</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="573"/>
        <source>Sync with the other desks of this commune over the LAN</source>
        <translation>Sync with the other desks of this commune over the LAN</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="574"/>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="575"/>
        <source>This desk&apos;s name</source>
        <translation>This desk&apos;s name</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="576"/>
        <source>Apply</source>
        <translation>Apply</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="579"/>
        <source>Desk</source>
        <translation>Desk</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="580"/>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="581"/>
        <source>Last contact</source>
        <translation>Last contact</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="582"/>
        <source>Waiting</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="583"/>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="586"/>
        <source>Show a pairing code</source>
        <translation>Show a pairing code</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="587"/>
        <source>Other desk&apos;s address</source>
        <translation>Other desk&apos;s address</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="588"/>
        <source>Find desks on the LAN</source>
        <translation>Find desks on the LAN</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="591"/>
        <source>Where the LAN does not let desks find each other, type the address the other desk shows.</source>
        <translation>Where the LAN does not let desks find each other, type the address the other desk shows.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="594"/>
        <source>Its pairing code</source>
        <translation>Its pairing code</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="595"/>
        <source>Pair with that desk</source>
        <translation>Pair with that desk</translation>
    </message>
</context>
<context>
    <name>LanWords</name>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="66"/>
        <source>The pairing code is wrong (or this address is another desk): check the code and the address.</source>
        <translation>The pairing code is wrong (or this address is another desk): check the code and the address.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="69"/>
        <source>The pairing code is no longer valid: show a new code on the other desk.</source>
        <translation>The pairing code is no longer valid: show a new code on the other desk.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="72"/>
        <source>The other desk is not showing a pairing code: show a new code on it first.</source>
        <translation>The other desk is not showing a pairing code: show a new code on it first.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="74"/>
        <source>A pairing code has 16 letters and digits (four groups of four).</source>
        <translation>A pairing code has 16 letters and digits (four groups of four).</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="76"/>
        <source>The other desk works for another commune: desks pair only within one commune.</source>
        <translation>The other desk works for another commune: desks pair only within one commune.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="78"/>
        <source>A desk cannot pair with itself.</source>
        <translation>A desk cannot pair with itself.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="80"/>
        <source>This desk cannot listen on that port: another program uses it; choose another.</source>
        <translation>This desk cannot listen on that port: another program uses it; choose another.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="82"/>
        <source>Turn the LAN on first.</source>
        <translation>Turn the LAN on first.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="84"/>
        <source>The desk at this address is not the paired desk (its certificate differs): pair again if it was set up again.</source>
        <translation>The desk at this address is not the paired desk (its certificate differs): pair again if it was set up again.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="88"/>
        <source>The other desk does not know this desk (any more): pair the two desks again.</source>
        <translation>The other desk does not know this desk (any more): pair the two desks again.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="91"/>
        <source>The data from the other desk was changed on the way and was refused: sync again; if it happens again, call IT.</source>
        <translation>The data from the other desk was changed on the way and was refused: sync again; if it happens again, call IT.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="95"/>
        <source>The other desk cannot be reached: is it on, with the LAN turned on?</source>
        <translation>The other desk cannot be reached: is it on, with the LAN turned on?</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="98"/>
        <source>The other desk runs another motcua version: update the older one.</source>
        <translation>The other desk runs another motcua version: update the older one.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="101"/>
        <source>The other desk claims to be a desk the province enrolled with another key: nothing was paired; call IT.</source>
        <translation>The other desk claims to be a desk the province enrolled with another key: nothing was paired; call IT.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="105"/>
        <source>Changes between the two desks were refused: some were not signed by the desk that made them (a desk may be writing under another desk&apos;s name). Nothing of them was kept: call IT.</source>
        <translation>Changes between the two desks were refused: some were not signed by the desk that made them (a desk may be writing under another desk&apos;s name). Nothing of them was kept: call IT.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="109"/>
        <source>The other desk could not be reached or refused the request.</source>
        <translation>The other desk could not be reached or refused the request.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/main_window.py" line="204"/>
        <source>motcua: one-stop desk</source>
        <translation>motcua: one-stop desk</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="206"/>
        <source>&amp;Desk</source>
        <translation>&amp;Desk</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="207"/>
        <source>D&amp;ossiers</source>
        <translation>D&amp;ossiers</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="208"/>
        <source>&amp;Tools</source>
        <translation>&amp;Tools</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="209"/>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="210"/>
        <source>&amp;Receive a new dossier</source>
        <translation>&amp;Receive a new dossier</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="212"/>
        <source>Receive a new dossier (F2)</source>
        <translation>Receive a new dossier (F2)</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="214"/>
        <source>Available when the dossier screens land</source>
        <translation>Available when the dossier screens land</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="216"/>
        <source>&amp;Find a dossier</source>
        <translation>&amp;Find a dossier</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="217"/>
        <source>Re&amp;fresh the queue</source>
        <translation>Re&amp;fresh the queue</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="218"/>
        <source>&amp;Reports</source>
        <translation>&amp;Reports</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="219"/>
        <source>&amp;Lock the desk</source>
        <translation>&amp;Lock the desk</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="220"/>
        <source>Lock the desk now (Ctrl+L)</source>
        <translation>Lock the desk now (Ctrl+L)</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="221"/>
        <source>&amp;Switch clerk…</source>
        <translation>&amp;Switch clerk…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="222"/>
        <source>&amp;Settings…</source>
        <translation>&amp;Settings…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="223"/>
        <source>Language, font size, auto-lock (Ctrl+,)</source>
        <translation>Language, font size, auto-lock (Ctrl+,)</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="224"/>
        <source>&amp;Clerks…</source>
        <translation>&amp;Clerks…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="225"/>
        <source>The desk&apos;s clerk accounts (Ctrl+Shift+K)</source>
        <translation>The desk&apos;s clerk accounts (Ctrl+Shift+K)</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="226"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="227"/>
        <source>&amp;About motcua</source>
        <translation>&amp;About motcua</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="228"/>
        <source>Main toolbar</source>
        <translation>Main toolbar</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="229"/>
        <source>Clerk: %1</source>
        <translation>Clerk: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="230"/>
        <source>Not connected to the provincial server</source>
        <translation>Not connected to the provincial server</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="247"/>
        <source>About motcua</source>
        <translation>About motcua</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="249"/>
        <source>motcua: receiving and returning dossiers at the commune one-stop desk.</source>
        <translation>motcua: receiving and returning dossiers at the commune one-stop desk.</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="254"/>
        <source>Close</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>NewClerkChecks</name>
    <message>
        <location filename="../../desktop/new_clerk_checks.py" line="21"/>
        <source>Too short</source>
        <translation>Too short</translation>
    </message>
    <message>
        <location filename="../../desktop/new_clerk_checks.py" line="22"/>
        <source>Fair: a longer passphrase is safer</source>
        <translation>Fair: a longer passphrase is safer</translation>
    </message>
    <message>
        <location filename="../../desktop/new_clerk_checks.py" line="23"/>
        <source>Good</source>
        <translation>Good</translation>
    </message>
    <message>
        <location filename="../../desktop/new_clerk_checks.py" line="24"/>
        <source>Strong</source>
        <translation>Strong</translation>
    </message>
    <message>
        <location filename="../../desktop/new_clerk_checks.py" line="34"/>
        <source>Enter a login name.</source>
        <translation>Enter a login name.</translation>
    </message>
    <message>
        <location filename="../../desktop/new_clerk_checks.py" line="36"/>
        <source>The login name cannot hold special invisible characters.</source>
        <translation>The login name cannot hold special invisible characters.</translation>
    </message>
    <message>
        <location filename="../../desktop/new_clerk_checks.py" line="40"/>
        <source>Enter the clerk&apos;s full name.</source>
        <translation>Enter the clerk&apos;s full name.</translation>
    </message>
    <message>
        <location filename="../../desktop/new_clerk_checks.py" line="42"/>
        <source>The passphrase is too short: use at least %n characters.</source>
        <translation>The passphrase is too short: use at least %n characters.</translation>
    </message>
    <message>
        <location filename="../../desktop/new_clerk_checks.py" line="49"/>
        <source>The two passphrases are not the same. Type them again.</source>
        <translation>The two passphrases are not the same. Type them again.</translation>
    </message>
</context>
<context>
    <name>NewDossier</name>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="26"/>
        <source>Monday</source>
        <translation>Monday</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="27"/>
        <source>Tuesday</source>
        <translation>Tuesday</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="28"/>
        <source>Wednesday</source>
        <translation>Wednesday</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="29"/>
        <source>Thursday</source>
        <translation>Thursday</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="30"/>
        <source>Friday</source>
        <translation>Friday</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="31"/>
        <source>Saturday</source>
        <translation>Saturday</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="32"/>
        <source>Sunday</source>
        <translation>Sunday</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="49"/>
        <source>Same working day</source>
        <translation>Same working day</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="50"/>
        <source>Same working day (received from {time} on: the next working day)</source>
        <translation>Same working day (received from {time} on: the next working day)</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="55"/>
        <source>, the day of receipt counted</source>
        <translation>, the day of receipt counted</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="63"/>
        <source>No fee</source>
        <translation>No fee</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="66"/>
        <source>{amount} per copy</source>
        <translation>{amount} per copy</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="69"/>
        <source>{amount} per dossier</source>
        <translation>{amount} per dossier</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="74"/>
        <source>{price} per page from page {page}</source>
        <translation>{price} per page from page {page}</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="81"/>
        <source> (at most {cap} per copy)</source>
        <translation> (at most {cap} per copy)</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="86"/>
        <source>Set by the province</source>
        <translation>Set by the province</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="126"/>
        <source>received after {time}</source>
        <translation>received after {time}</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="132"/>
        <source>received after closing time ({time})</source>
        <translation>received after closing time ({time})</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="137"/>
        <source>received on a day off</source>
        <translation>received on a day off</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="140"/>
        <source>{holiday} holiday {days}</source>
        <translation>{holiday} holiday {days}</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="146"/>
        <source>weekend</source>
        <translation>weekend</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="148"/>
        <source>a make-up working day counted</source>
        <translation>a make-up working day counted</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="155"/>
        <source>Appointment: {weekday} {date}</source>
        <translation>Appointment: {weekday} {date}</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="164"/>
        <location filename="../../desktop/new_dossier/wording.py" line="173"/>
        <source>the scanned text</source>
        <translation>the scanned text</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="165"/>
        <source>the ID number</source>
        <translation>the ID number</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="166"/>
        <source>the old ID number</source>
        <translation>the old ID number</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="167"/>
        <source>the full name</source>
        <translation>the full name</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="168"/>
        <source>the birth date</source>
        <translation>the birth date</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="169"/>
        <source>the sex</source>
        <translation>the sex</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="170"/>
        <source>the permanent address</source>
        <translation>the permanent address</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="171"/>
        <source>the issue date</source>
        <translation>the issue date</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="178"/>
        <source>nothing was scanned</source>
        <translation>nothing was scanned</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="179"/>
        <source>two scans ran together: scan one card at a time</source>
        <translation>two scans ran together: scan one card at a time</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="182"/>
        <source>this is not the QR code of a chip ID card</source>
        <translation>this is not the QR code of a chip ID card</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="183"/>
        <source>the text ends with extra separators</source>
        <translation>the text ends with extra separators</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="186"/>
        <source>the text has a field too many</source>
        <translation>the text has a field too many</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="187"/>
        <source>it is missing (the scan is incomplete)</source>
        <translation>it is missing (the scan is incomplete)</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="188"/>
        <source>it must be 8 digits, DDMMYYYY</source>
        <translation>it must be 8 digits, DDMMYYYY</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="189"/>
        <source>it is not a real date</source>
        <translation>it is not a real date</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="190"/>
        <source>it is after today</source>
        <translation>it is after today</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="191"/>
        <source>it is not after the birth date</source>
        <translation>it is not after the birth date</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="192"/>
        <source>it must be Nam or Nữ</source>
        <translation>it must be Nam or Nữ</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="193"/>
        <source>it contains characters other than letters</source>
        <translation>it contains characters other than letters</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="194"/>
        <source>it has no letters</source>
        <translation>it has no letters</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="195"/>
        <source>it contains unreadable characters</source>
        <translation>it contains unreadable characters</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="196"/>
        <source>it has the wrong number of digits</source>
        <translation>it has the wrong number of digits</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="197"/>
        <source>it may contain only digits</source>
        <translation>it may contain only digits</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="198"/>
        <source>its first three digits are not a known place</source>
        <translation>its first three digits are not a known place</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="201"/>
        <source>it does not agree with the birth date or sex</source>
        <translation>it does not agree with the birth date or sex</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="205"/>
        <source>it is not valid</source>
        <translation>it is not valid</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="212"/>
        <source>Scan not used: {field}: {problem}. Nothing was changed; scan the card again or type.</source>
        <translation>Scan not used: {field}: {problem}. Nothing was changed; scan the card again or type.</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="224"/>
        <source>its 4th digit says a different sex</source>
        <translation>its 4th digit says a different sex</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="227"/>
        <source>its 4th–6th digits say born in {year}</source>
        <translation>its 4th–6th digits say born in {year}</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="231"/>
        <source>The ID number does not match the birth date or sex: {detail}.</source>
        <translation>The ID number does not match the birth date or sex: {detail}.</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="235"/>
        <source>The ID number must have 12 digits; this one has {n}.</source>
        <translation>The ID number must have 12 digits; this one has {n}.</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="239"/>
        <source>The ID number may contain only the digits 0–9.</source>
        <translation>The ID number may contain only the digits 0–9.</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="241"/>
        <source>The first three digits of the ID number are not a known place of birth registration.</source>
        <translation>The first three digits of the ID number are not a known place of birth registration.</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="245"/>
        <source>The ID number is empty.</source>
        <translation>The ID number is empty.</translation>
    </message>
</context>
<context>
    <name>NewDossierDialog</name>
    <message>
        <location filename="../../desktop/new_dossier/new_dossier_dialog.py" line="227"/>
        <source>New dossier</source>
        <translation>New dossier</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/new_dossier_dialog.py" line="228"/>
        <source>Fee and appointment</source>
        <translation>Fee and appointment</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/new_dossier_dialog.py" line="245"/>
        <source>Fee set by the province (đồng):</source>
        <translation>Fee set by the province (đồng):</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/new_dossier_dialog.py" line="230"/>
        <source>Pa&amp;ges:</source>
        <translation>Pa&amp;ges:</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/new_dossier_dialog.py" line="231"/>
        <source>C&amp;opies:</source>
        <translation>C&amp;opies:</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/new_dossier_dialog.py" line="232"/>
        <source>Cancel (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/new_dossier_dialog.py" line="233"/>
        <source>&amp;Print again (F9)</source>
        <translation>&amp;Print again (F9)</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/new_dossier_dialog.py" line="234"/>
        <source>Save as P&amp;DF…</source>
        <translation>Save as P&amp;DF…</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/new_dossier_dialog.py" line="237"/>
        <source>Choose the procedure to see the appointment date.</source>
        <translation>Choose the procedure to see the appointment date.</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/new_dossier_dialog.py" line="243"/>
        <source>Fee, only when not exempt (đồng):</source>
        <translation>Fee, only when not exempt (đồng):</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/new_dossier_dialog.py" line="262"/>
        <source>Supplement request — Mẫu 02 (F10)</source>
        <translation>Supplement request — Mẫu 02 (F10)</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/new_dossier_dialog.py" line="264"/>
        <source>Save and print the receipt (F10)</source>
        <translation>Save and print the receipt (F10)</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/new_dossier_dialog.py" line="275"/>
        <source>Computing the appointment…</source>
        <translation>Computing the appointment…</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/new_dossier_dialog.py" line="341"/>
        <source>Fee: {amount} (typed by the clerk)</source>
        <translation>Fee: {amount} (typed by the clerk)</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/new_dossier_dialog.py" line="344"/>
        <source>Fee: {amount}</source>
        <translation>Fee: {amount}</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/new_dossier_dialog.py" line="348"/>
        <source>Fee: none</source>
        <translation>Fee: none</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/new_dossier_dialog.py" line="360"/>
        <source>The province&apos;s fee table has no amount for this procedure: type the fee the citizen pays.</source>
        <translation>The province&apos;s fee table has no amount for this procedure: type the fee the citizen pays.</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/new_dossier_dialog.py" line="367"/>
        <source>The appointment cannot be computed: {detail}</source>
        <translation>The appointment cannot be computed: {detail}</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/new_dossier_dialog.py" line="394"/>
        <source>Choose the procedure first (F3).</source>
        <translation>Choose the procedure first (F3).</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/new_dossier_dialog.py" line="403"/>
        <source>Scans are still being attached: save again in a moment.</source>
        <translation>Scans are still being attached: save again in a moment.</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/new_dossier_dialog.py" line="406"/>
        <source>Type the fee set by the province before saving.</source>
        <translation>Type the fee set by the province before saving.</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/new_dossier_dialog.py" line="438"/>
        <source>Saved. Dossier code: {code}</source>
        <translation>Saved. Dossier code: {code}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/new_dossier/new_dossier_dialog.py" line="451"/>
        <source>Not accepted: %n required document(s) missing. Recorded as waiting for a supplement.</source>
        <translation>
            <numerusform>Not accepted: %n required document missing. Recorded as waiting for a supplement.</numerusform>
            <numerusform>Not accepted: %n required documents missing. Recorded as waiting for a supplement.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/new_dossier_dialog.py" line="465"/>
        <source>Close (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/new_dossier_dialog.py" line="479"/>
        <source>The dossier was not saved: {detail}. Nothing typed is lost.</source>
        <translation>The dossier was not saved: {detail}. Nothing typed is lost.</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/new_dossier_dialog.py" line="499"/>
        <source>Save the form as PDF</source>
        <translation>Save the form as PDF</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/new_dossier_dialog.py" line="502"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/new_dossier_dialog.py" line="516"/>
        <source>The PDF could not be written there. Check the folder or USB stick (full? locked?) and try again.</source>
        <translation>The PDF could not be written there. Check the folder or USB stick (full? locked?) and try again.</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/new_dossier_dialog.py" line="557"/>
        <source>Discard this dossier?</source>
        <translation>Discard this dossier?</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/new_dossier_dialog.py" line="558"/>
        <source>What you typed for this dossier will be lost. Discard it?</source>
        <translation>What you typed for this dossier will be lost. Discard it?</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/new_dossier_dialog.py" line="563"/>
        <source>Discard</source>
        <translation>Discard</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/new_dossier_dialog.py" line="564"/>
        <source>Keep typing</source>
        <translation>Keep typing</translation>
    </message>
</context>
<context>
    <name>OfficePage</name>
    <message>
        <location filename="../../desktop/first_run_wizard/office_page.py" line="98"/>
        <source>Agency and opening hours</source>
        <translation>Agency and opening hours</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/office_page.py" line="99"/>
        <source>Step 2 of 5. These appear on receipts and set the appointment dates.</source>
        <translation>Step 2 of 5. These appear on receipts and set the appointment dates.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/office_page.py" line="100"/>
        <source>&amp;Agency identifier:</source>
        <translation>&amp;Agency identifier:</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/office_page.py" line="103"/>
        <source>The electronic identifier issued by the province (for example 000.00.01.H22). Until you have it, the commune&apos;s official code filled in here works; it starts every dossier code.</source>
        <translation>The electronic identifier issued by the province (for example 000.00.01.H22). Until you have it, the commune&apos;s official code filled in here works; it starts every dossier code.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/office_page.py" line="107"/>
        <source>Opening hours</source>
        <translation>Opening hours</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/office_page.py" line="108"/>
        <source>Morning:</source>
        <translation>Morning:</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/office_page.py" line="109"/>
        <source>Afternoon:</source>
        <translation>Afternoon:</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/office_page.py" line="111"/>
        <source>Monday</source>
        <translation>Monday</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/office_page.py" line="112"/>
        <source>Tuesday</source>
        <translation>Tuesday</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/office_page.py" line="113"/>
        <source>Wednesday</source>
        <translation>Wednesday</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/office_page.py" line="114"/>
        <source>Thursday</source>
        <translation>Thursday</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/office_page.py" line="115"/>
        <source>Friday</source>
        <translation>Friday</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/office_page.py" line="119"/>
        <source>Also open on &amp;Saturday morning</source>
        <translation>Also open on &amp;Saturday morning</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/office_page.py" line="121"/>
        <source>Saturday morning counts as a working day for appointment dates</source>
        <translation>Saturday morning counts as a working day for appointment dates</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/office_page.py" line="154"/>
        <source>The agency identifier may only hold capital letters, digits and dots, like 000.00.01.H22.</source>
        <translation>The agency identifier may only hold capital letters, digits and dots, like 000.00.01.H22.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/office_page.py" line="159"/>
        <source>Each opening period must start before it ends.</source>
        <translation>Each opening period must start before it ends.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/office_page.py" line="161"/>
        <source>The afternoon must start after the morning ends.</source>
        <translation>The afternoon must start after the morning ends.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/office_page.py" line="163"/>
        <source>Choose at least one working day.</source>
        <translation>Choose at least one working day.</translation>
    </message>
</context>
<context>
    <name>PeersView</name>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="298"/>
        <location filename="../../desktop/sync_panel/peers_view.py" line="311"/>
        <source>never</source>
        <translation>never</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="302"/>
        <source>%1: %2, %3 waiting</source>
        <translation>%1: %2, %3 waiting</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="313"/>
        <source>%1 (%4): last contact %2, %3 change(s) of this desk waiting for it</source>
        <translation>%1 (%4): last contact %2, %3 change(s) of this desk waiting for it</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="326"/>
        <source>No other desk paired</source>
        <translation>No other desk paired</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="345"/>
        <source>Desks…</source>
        <translation>Desks…</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="346"/>
        <source>The other desks of this commune: pairing and the LAN</source>
        <translation>The other desks of this commune: pairing and the LAN</translation>
    </message>
</context>
<context>
    <name>PracticeDesk</name>
    <message>
        <location filename="../../desktop/practice/practice_desk.py" line="129"/>
        <source>&amp;Practice</source>
        <translation>&amp;Practice</translation>
    </message>
    <message>
        <location filename="../../desktop/practice/practice_desk.py" line="130"/>
        <source>&amp;Exercises…</source>
        <translation>&amp;Exercises…</translation>
    </message>
    <message>
        <location filename="../../desktop/practice/practice_desk.py" line="133"/>
        <source>Print the practice &amp;cards…</source>
        <translation>Print the practice &amp;cards…</translation>
    </message>
    <message>
        <location filename="../../desktop/practice/practice_desk.py" line="135"/>
        <source>&amp;Reset the practice data…</source>
        <translation>&amp;Reset the practice data…</translation>
    </message>
    <message>
        <location filename="../../desktop/practice/practice_desk.py" line="137"/>
        <source>&amp;Leave practice mode</source>
        <translation>&amp;Leave practice mode</translation>
    </message>
    <message>
        <location filename="../../desktop/practice/practice_desk.py" line="166"/>
        <source>Practice mode never writes a USB bundle: practice data must not reach the province.</source>
        <translation>Practice mode never writes a USB bundle: practice data must not reach the province.</translation>
    </message>
    <message>
        <location filename="../../desktop/practice/practice_desk.py" line="169"/>
        <source>Practice mode never reads a USB bundle: real data must not enter the practice store.</source>
        <translation>Practice mode never reads a USB bundle: real data must not enter the practice store.</translation>
    </message>
    <message>
        <location filename="../../desktop/practice/practice_desk.py" line="171"/>
        <source>Practice mode never enrols with the provincial server.</source>
        <translation>Practice mode never enrols with the provincial server.</translation>
    </message>
    <message>
        <location filename="../../desktop/practice/practice_desk.py" line="174"/>
        <source>Practice mode</source>
        <translation>Practice mode</translation>
    </message>
    <message>
        <location filename="../../desktop/practice/practice_desk.py" line="204"/>
        <source>Save the practice cards</source>
        <translation>Save the practice cards</translation>
    </message>
    <message>
        <location filename="../../desktop/practice/practice_desk.py" line="204"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../desktop/practice/practice_desk.py" line="214"/>
        <source>The practice cards could not be written there. Check the folder and try again.</source>
        <translation>The practice cards could not be written there. Check the folder and try again.</translation>
    </message>
    <message>
        <location filename="../../desktop/practice/practice_desk.py" line="220"/>
        <source>Practice cards saved.</source>
        <translation>Practice cards saved.</translation>
    </message>
    <message>
        <location filename="../../desktop/practice/practice_desk.py" line="229"/>
        <source>Delete everything done in practice mode and start again with the sample dossiers? Real data is not touched.</source>
        <translation>Delete everything done in practice mode and start again with the sample dossiers? Real data is not touched.</translation>
    </message>
    <message>
        <location filename="../../desktop/practice/practice_desk.py" line="233"/>
        <source>The progress of %1 starts again too.</source>
        <translation>The progress of %1 starts again too.</translation>
    </message>
    <message>
        <location filename="../../desktop/practice/practice_desk.py" line="235"/>
        <source>Reset the practice data</source>
        <translation>Reset the practice data</translation>
    </message>
</context>
<context>
    <name>ProcedurePicker</name>
    <message>
        <location filename="../../desktop/new_dossier/procedure_picker.py" line="52"/>
        <source>&amp;Procedure (code or words, F3)</source>
        <translation>&amp;Procedure (code or words, F3)</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/procedure_picker.py" line="53"/>
        <source>e.g. khai sinh, 1.001193</source>
        <translation>e.g. khai sinh, 1.001193</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/procedure_picker.py" line="73"/>
        <source>not confirmed</source>
        <translation>not confirmed</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/procedure_picker.py" line="78"/>
        <source>This catalogue entry is not confirmed by an official source: {source}</source>
        <translation>This catalogue entry is not confirmed by an official source: {source}</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/procedure_picker.py" line="99"/>
        <source>No procedure chosen yet.</source>
        <translation>No procedure chosen yet.</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/procedure_picker.py" line="103"/>
        <source>Time by law: {time}</source>
        <translation>Time by law: {time}</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/procedure_picker.py" line="104"/>
        <source>Fee: {rule}</source>
        <translation>Fee: {rule}</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/procedure_picker.py" line="108"/>
        <source>Catalogue entry not confirmed (source: {source})</source>
        <translation>Catalogue entry not confirmed (source: {source})</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <location filename="../../desktop/queue_model.py" line="259"/>
        <source>Two desks changed this dossier differently: open it to choose</source>
        <translation>Two desks changed this dossier differently: open it to choose</translation>
    </message>
    <message>
        <location filename="../../desktop/queue_model.py" line="262"/>
        <source>Sent to the provincial server</source>
        <translation>Sent to the provincial server</translation>
    </message>
    <message>
        <location filename="../../desktop/queue_model.py" line="264"/>
        <source>Not yet sent to the provincial server</source>
        <translation>Not yet sent to the provincial server</translation>
    </message>
    <message>
        <location filename="../../desktop/queue_model.py" line="284"/>
        <source>(no code yet)</source>
        <translation>(no code yet)</translation>
    </message>
    <message>
        <location filename="../../desktop/queue_model.py" line="297"/>
        <source>overdue</source>
        <translation>overdue</translation>
    </message>
    <message>
        <location filename="../../desktop/queue_model.py" line="299"/>
        <location filename="../../desktop/queue_view.py" line="338"/>
        <source>due today</source>
        <translation>due today</translation>
    </message>
    <message>
        <location filename="../../desktop/queue_model.py" line="301"/>
        <source>due soon</source>
        <translation>due soon</translation>
    </message>
    <message>
        <location filename="../../desktop/queue_model.py" line="313"/>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../desktop/queue_model.py" line="314"/>
        <source>Applicant</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../desktop/queue_model.py" line="315"/>
        <source>Procedure</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../desktop/queue_model.py" line="316"/>
        <source>Received</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../desktop/queue_model.py" line="317"/>
        <source>Appointment</source>
        <translation>Appointment</translation>
    </message>
    <message>
        <location filename="../../desktop/queue_model.py" line="318"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/queue_model.py" line="319"/>
        <source>Conflict</source>
        <translation>Conflict</translation>
    </message>
    <message>
        <location filename="../../desktop/queue_model.py" line="320"/>
        <source>Sync</source>
        <translation>Sync</translation>
    </message>
</context>
<context>
    <name>QueueView</name>
    <message>
        <location filename="../../desktop/queue_view.py" line="294"/>
        <source>Showing %1 of %2 matches: refine the search to see the others</source>
        <translation>Showing %1 of %2 matches: refine the search to see the others</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/queue_view.py" line="299"/>
        <source>%n dossier(s) found</source>
        <translation>
            <numerusform>%n dossier found</numerusform>
            <numerusform>%n dossiers found</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/queue_view.py" line="301"/>
        <source>%n dossier(s)</source>
        <translation>
            <numerusform>%n dossier</numerusform>
            <numerusform>%n dossiers</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/queue_view.py" line="305"/>
        <source>No dossier matches this search in this list. Try the filter “All”.</source>
        <translation>No dossier matches this search in this list. Try the filter “All”.</translation>
    </message>
    <message>
        <location filename="../../desktop/queue_view.py" line="308"/>
        <source>No dossiers in this list.</source>
        <translation>No dossiers in this list.</translation>
    </message>
    <message>
        <location filename="../../desktop/queue_view.py" line="314"/>
        <source>Received today</source>
        <translation>Received today</translation>
    </message>
    <message>
        <location filename="../../desktop/queue_view.py" line="315"/>
        <source>Due today</source>
        <translation>Due today</translation>
    </message>
    <message>
        <location filename="../../desktop/queue_view.py" line="316"/>
        <source>Due soon</source>
        <translation>Due soon</translation>
    </message>
    <message>
        <location filename="../../desktop/queue_view.py" line="317"/>
        <source>Overdue</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../desktop/queue_view.py" line="318"/>
        <source>Awaiting supplement</source>
        <translation>Awaiting supplement</translation>
    </message>
    <message>
        <location filename="../../desktop/queue_view.py" line="319"/>
        <source>With conflicts</source>
        <translation>With conflicts</translation>
    </message>
    <message>
        <location filename="../../desktop/queue_view.py" line="320"/>
        <source>Not yet synced</source>
        <translation>Not yet synced</translation>
    </message>
    <message>
        <location filename="../../desktop/queue_view.py" line="321"/>
        <source>All</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../desktop/queue_view.py" line="351"/>
        <source>Search: name (with or without accents), ID number, code, phone (Ctrl+F)</source>
        <translation>Search: name (with or without accents), ID number, code, phone (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../desktop/queue_view.py" line="353"/>
        <source>Search the queue</source>
        <translation>Search the queue</translation>
    </message>
    <message>
        <location filename="../../desktop/queue_view.py" line="354"/>
        <source>Dossiers</source>
        <translation>Dossiers</translation>
    </message>
</context>
<context>
    <name>RecoveryPage</name>
    <message>
        <location filename="../../desktop/first_run_wizard/recovery_page.py" line="45"/>
        <location filename="../../desktop/first_run_wizard/recovery_page.py" line="86"/>
        <source>Province recovery key</source>
        <translation>Province recovery key</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/recovery_page.py" line="46"/>
        <source>Step 4 of 5. A safety net for forgotten passphrases.</source>
        <translation>Step 4 of 5. A safety net for forgotten passphrases.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/recovery_page.py" line="49"/>
        <source>Provincial IT gives each commune a small file ending in .pem: the province&apos;s recovery key. With it, if every clerk of this desk forgets their passphrase, provincial IT (and only they, with the secret half kept at the province) can open this computer&apos;s data again and set a new passphrase. The file holds no secret and does not let anyone read the data.</source>
        <translation>Provincial IT gives each commune a small file ending in .pem: the province&apos;s recovery key. With it, if every clerk of this desk forgets their passphrase, provincial IT (and only they, with the secret half kept at the province) can open this computer&apos;s data again and set a new passphrase. The file holds no secret and does not let anyone read the data.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/recovery_page.py" line="55"/>
        <source>&amp;Choose the key file…</source>
        <translation>&amp;Choose the key file…</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/recovery_page.py" line="56"/>
        <source>&amp;Skip: I have no key file from IT</source>
        <translation>&amp;Skip: I have no key file from IT</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/recovery_page.py" line="63"/>
        <source>Key loaded. Fingerprint (compare with IT): %1</source>
        <translation>Key loaded. Fingerprint (compare with IT): %1</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/recovery_page.py" line="67"/>
        <source>This file is not a province recovery key. Ask IT for the right .pem file.</source>
        <translation>This file is not a province recovery key. Ask IT for the right .pem file.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/recovery_page.py" line="70"/>
        <source>No key file chosen yet.</source>
        <translation>No key file chosen yet.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/recovery_page.py" line="75"/>
        <source>Warning: without the recovery key, a passphrase that every clerk forgets can never be recovered, and the data on this computer is then lost. IT can add the key later.</source>
        <translation>Warning: without the recovery key, a passphrase that every clerk forgets can never be recovered, and the data on this computer is then lost. IT can add the key later.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/recovery_page.py" line="86"/>
        <source>Recovery key (*.pem);;All files (*)</source>
        <translation>Recovery key (*.pem);;All files (*)</translation>
    </message>
</context>
<context>
    <name>ReferenceStatus</name>
    <message>
        <location filename="../../desktop/reference_status.py" line="187"/>
        <source>Catalogue v%1</source>
        <translation>Catalogue v%1</translation>
    </message>
    <message>
        <location filename="../../desktop/reference_status.py" line="188"/>
        <source>Catalogue of procedures: version %1</source>
        <translation>Catalogue of procedures: version %1</translation>
    </message>
    <message>
        <location filename="../../desktop/reference_status.py" line="190"/>
        <source>The province&apos;s fee table: version %1</source>
        <translation>The province&apos;s fee table: version %1</translation>
    </message>
    <message>
        <location filename="../../desktop/reference_status.py" line="193"/>
        <source>Catalogue v%1 (a new one waits)</source>
        <translation>Catalogue v%1 (a new one waits)</translation>
    </message>
    <message>
        <location filename="../../desktop/reference_status.py" line="196"/>
        <source>The province published a new catalogue or fee table. It is used as soon as the reception being typed is finished or closed.</source>
        <translation>The province published a new catalogue or fee table. It is used as soon as the reception being typed is finished or closed.</translation>
    </message>
    <message>
        <location filename="../../desktop/reference_status.py" line="207"/>
        <source>This computer&apos;s clock is %1 minutes ahead of the provincial server&apos;s. Receipts, appointment dates and dossier numbers use it: ask IT to set the clock right.</source>
        <translation>This computer&apos;s clock is %1 minutes ahead of the provincial server&apos;s. Receipts, appointment dates and dossier numbers use it: ask IT to set the clock right.</translation>
    </message>
    <message>
        <location filename="../../desktop/reference_status.py" line="212"/>
        <source>This computer&apos;s clock is %1 minutes behind the provincial server&apos;s. Receipts, appointment dates and dossier numbers use it: ask IT to set the clock right.</source>
        <translation>This computer&apos;s clock is %1 minutes behind the provincial server&apos;s. Receipts, appointment dates and dossier numbers use it: ask IT to set the clock right.</translation>
    </message>
</context>
<context>
    <name>ReportsDialog</name>
    <message>
        <location filename="../../desktop/reports/reports_dialog.py" line="173"/>
        <source>The end date is before the start date. Change one of them.</source>
        <translation>The end date is before the start date. Change one of them.</translation>
    </message>
    <message>
        <location filename="../../desktop/reports/reports_dialog.py" line="177"/>
        <source>Reading the dossiers…</source>
        <translation>Reading the dossiers…</translation>
    </message>
    <message>
        <location filename="../../desktop/reports/reports_dialog.py" line="201"/>
        <source>The dossiers could not be read. Try again; if it keeps failing, call IT.</source>
        <translation>The dossiers could not be read. Try again; if it keeps failing, call IT.</translation>
    </message>
    <message>
        <location filename="../../desktop/reports/reports_dialog.py" line="216"/>
        <source>All procedures</source>
        <translation>All procedures</translation>
    </message>
    <message>
        <location filename="../../desktop/reports/reports_dialog.py" line="229"/>
        <source>Choose the period and press Show.</source>
        <translation>Choose the period and press Show.</translation>
    </message>
    <message>
        <location filename="../../desktop/reports/reports_dialog.py" line="233"/>
        <source>%1: %2 dossiers received; early %3, on time %4, late %5, pending %6.</source>
        <translation>%1: %2 dossiers received; early %3, on time %4, late %5, pending %6.</translation>
    </message>
    <message>
        <location filename="../../desktop/reports/reports_dialog.py" line="260"/>
        <source>Writing the file…</source>
        <translation>Writing the file…</translation>
    </message>
    <message>
        <location filename="../../desktop/reports/reports_dialog.py" line="270"/>
        <source>Saved: %1</source>
        <translation>Saved: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/reports/reports_dialog.py" line="278"/>
        <source>The file could not be written. Check the folder or USB stick (full? locked?) and try again.</source>
        <translation>The file could not be written. Check the folder or USB stick (full? locked?) and try again.</translation>
    </message>
    <message>
        <location filename="../../desktop/reports/reports_dialog.py" line="291"/>
        <source>Save the report</source>
        <translation>Save the report</translation>
    </message>
    <message>
        <location filename="../../desktop/reports/reports_dialog.py" line="301"/>
        <source>Reports</source>
        <translation>Reports</translation>
    </message>
    <message>
        <location filename="../../desktop/reports/reports_dialog.py" line="302"/>
        <source>&amp;From</source>
        <translation>&amp;From</translation>
    </message>
    <message>
        <location filename="../../desktop/reports/reports_dialog.py" line="303"/>
        <source>&amp;To</source>
        <translation>&amp;To</translation>
    </message>
    <message>
        <location filename="../../desktop/reports/reports_dialog.py" line="304"/>
        <source>&amp;Show</source>
        <translation>&amp;Show</translation>
    </message>
    <message>
        <location filename="../../desktop/reports/reports_dialog.py" line="305"/>
        <source>Register (Mẫu 07)</source>
        <translation>Register (Mẫu 07)</translation>
    </message>
    <message>
        <location filename="../../desktop/reports/reports_dialog.py" line="306"/>
        <source>On-time statistics</source>
        <translation>On-time statistics</translation>
    </message>
    <message>
        <location filename="../../desktop/reports/reports_dialog.py" line="307"/>
        <source>Register PDF…</source>
        <translation>Register PDF…</translation>
    </message>
    <message>
        <location filename="../../desktop/reports/reports_dialog.py" line="308"/>
        <source>Statistics PDF…</source>
        <translation>Statistics PDF…</translation>
    </message>
    <message>
        <location filename="../../desktop/reports/reports_dialog.py" line="309"/>
        <source>Excel (XLSX)…</source>
        <translation>Excel (XLSX)…</translation>
    </message>
    <message>
        <location filename="../../desktop/reports/reports_dialog.py" line="310"/>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../desktop/reports/reports_dialog.py" line="313"/>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../desktop/reports/reports_dialog.py" line="314"/>
        <source>Dossier code</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location filename="../../desktop/reports/reports_dialog.py" line="315"/>
        <location filename="../../desktop/reports/reports_dialog.py" line="325"/>
        <source>Procedure</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../desktop/reports/reports_dialog.py" line="316"/>
        <source>Applicant</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../desktop/reports/reports_dialog.py" line="317"/>
        <source>Received</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../desktop/reports/reports_dialog.py" line="318"/>
        <source>Appointment</source>
        <translation>Appointment</translation>
    </message>
    <message>
        <location filename="../../desktop/reports/reports_dialog.py" line="319"/>
        <source>Returned</source>
        <translation>Returned</translation>
    </message>
    <message>
        <location filename="../../desktop/reports/reports_dialog.py" line="320"/>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../desktop/reports/reports_dialog.py" line="323"/>
        <source>Early</source>
        <translation>Early</translation>
    </message>
    <message>
        <location filename="../../desktop/reports/reports_dialog.py" line="323"/>
        <source>On time</source>
        <translation>On time</translation>
    </message>
    <message>
        <location filename="../../desktop/reports/reports_dialog.py" line="323"/>
        <source>Late</source>
        <translation>Late</translation>
    </message>
    <message>
        <location filename="../../desktop/reports/reports_dialog.py" line="323"/>
        <source>Pending</source>
        <translation>Pending</translation>
    </message>
    <message>
        <location filename="../../desktop/reports/reports_dialog.py" line="325"/>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../desktop/reports/reports_dialog.py" line="325"/>
        <source>On-time share</source>
        <translation>On-time share</translation>
    </message>
    <message>
        <location filename="../../desktop/reports/reports_dialog.py" line="327"/>
        <source>No dossiers in this period</source>
        <translation>No dossiers in this period</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="74"/>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="75"/>
        <source>&amp;Language:</source>
        <translation>&amp;Language:</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="76"/>
        <source>&amp;Font size:</source>
        <translation>&amp;Font size:</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="77"/>
        <source>&amp;Lock the desk after:</source>
        <translation>&amp;Lock the desk after:</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="78"/>
        <source>pt</source>
        <translation>pt</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="79"/>
        <source>minutes without use</source>
        <translation>minutes without use</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="80"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="81"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>StatusActions</name>
    <message>
        <location filename="../../desktop/dossier_page/status_actions.py" line="59"/>
        <source>Apologise and set a new date</source>
        <translation>Apologise and set a new date</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/status_actions.py" line="138"/>
        <source>Processing</source>
        <translation>Processing</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/status_actions.py" line="162"/>
        <source>List every missing or incomplete document, in one go: none was listed.</source>
        <translation>List every missing or incomplete document, in one go: none was listed.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/status_actions.py" line="166"/>
        <source>The new appointment date must be after the current one (%1).</source>
        <translation>The new appointment date must be after the current one (%1).</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/status_actions.py" line="170"/>
        <source>Something the form must state is empty: fill in every line and the reason.</source>
        <translation>Something the form must state is empty: fill in every line and the reason.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/status_actions.py" line="174"/>
        <source>This form needs the dossier&apos;s code; it has none yet.</source>
        <translation>This form needs the dossier&apos;s code; it has none yet.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/status_actions.py" line="178"/>
        <source>This form needs an appointment date; there is none.</source>
        <translation>This form needs an appointment date; there is none.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/status_actions.py" line="182"/>
        <source>This change is not allowed for the dossier&apos;s present status.</source>
        <translation>This change is not allowed for the dossier&apos;s present status.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/status_actions.py" line="186"/>
        <source>This part of the dossier has an open conflict: resolve the conflict first.</source>
        <translation>This part of the dossier has an open conflict: resolve the conflict first.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/status_actions.py" line="190"/>
        <source>The status changed meanwhile (another desk or the province): look at the page again and retry.</source>
        <translation>The status changed meanwhile (another desk or the province): look at the page again and retry.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/status_actions.py" line="195"/>
        <source>Only the province may change this.</source>
        <translation>Only the province may change this.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/status_actions.py" line="197"/>
        <source>The attachment cannot be read: it is missing or damaged.</source>
        <translation>The attachment cannot be read: it is missing or damaged.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/status_actions.py" line="201"/>
        <source>The desk refused this: %1</source>
        <translation>The desk refused this: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/status_actions.py" line="204"/>
        <source>Something went wrong; nothing was changed. Try again, or tell IT (%1).</source>
        <translation>Something went wrong; nothing was changed. Try again, or tell IT (%1).</translation>
    </message>
</context>
<context>
    <name>SyncStatusWidget</name>
    <message>
        <location filename="../../desktop/sync_panel/sync_status_widget.py" line="183"/>
        <source>Export for the province</source>
        <translation>Export for the province</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_status_widget.py" line="188"/>
        <source>Import from USB</source>
        <translation>Import from USB</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_status_widget.py" line="244"/>
        <source>Scans: %1 of %2 (%3 of %4)</source>
        <translation>Scans: %1 of %2 (%3 of %4)</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_status_widget.py" line="254"/>
        <source>%1 of %2 changes, %3</source>
        <translation>%1 of %2 changes, %3</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_status_widget.py" line="261"/>
        <source>%1 transferred</source>
        <translation>%1 transferred</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_status_widget.py" line="303"/>
        <source>Sync now</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_status_widget.py" line="304"/>
        <source>Sync with the provincial server now (F9)</source>
        <translation>Sync with the provincial server now (F9)</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_status_widget.py" line="305"/>
        <source>Export for the province…</source>
        <translation>Export for the province…</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_status_widget.py" line="306"/>
        <source>Import from USB…</source>
        <translation>Import from USB…</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_status_widget.py" line="307"/>
        <source>USB</source>
        <translation>USB</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_status_widget.py" line="308"/>
        <source>Exchange data with the province on a USB stick</source>
        <translation>Exchange data with the province on a USB stick</translation>
    </message>
</context>
<context>
    <name>SyncWords</name>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="45"/>
        <source>Ask IT to install the newest motcua; your work on this desk is kept.</source>
        <translation>Ask IT to install the newest motcua; your work on this desk is kept.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="48"/>
        <source>The provincial server cannot be reached.</source>
        <translation>The provincial server cannot be reached.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="49"/>
        <source>Check the network cable or Wi-Fi. Keep working: the desk syncs again later.</source>
        <translation>Check the network cable or Wi-Fi. Keep working: the desk syncs again later.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="52"/>
        <source>The connection was lost during the sync.</source>
        <translation>The connection was lost during the sync.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="60"/>
        <source>Provincial IT has switched this workstation off for syncing.</source>
        <translation>Provincial IT has switched this workstation off for syncing.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="61"/>
        <source>Ask provincial IT for a new enrolment code and enrol again.</source>
        <translation>Ask provincial IT for a new enrolment code and enrol again.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="63"/>
        <location filename="../../desktop/sync_panel/sync_words.py" line="64"/>
        <location filename="../../desktop/sync_panel/sync_words.py" line="65"/>
        <source>The software needs updating.</source>
        <translation>The software needs updating.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="67"/>
        <source>The provincial server is busy.</source>
        <translation>The provincial server is busy.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="53"/>
        <source>Nothing received was lost. The desk tries again by itself.</source>
        <translation>Nothing received was lost. The desk tries again by itself.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="56"/>
        <source>The provincial server did not accept this workstation: it must be enrolled again.</source>
        <translation>The provincial server did not accept this workstation: it must be enrolled again.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="57"/>
        <source>Ask provincial IT for a new enrolment code and enrol this workstation again.</source>
        <translation>Ask provincial IT for a new enrolment code and enrol this workstation again.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="68"/>
        <source>The desk tries again by itself when the server says it may.</source>
        <translation>The desk tries again by itself when the server says it may.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="71"/>
        <source>The provincial server had a problem.</source>
        <translation>The provincial server had a problem.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="72"/>
        <source>Try again later. If it lasts, call provincial IT.</source>
        <translation>Try again later. If it lasts, call provincial IT.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="75"/>
        <source>The provincial server refused some of the data.</source>
        <translation>The provincial server refused some of the data.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="76"/>
        <source>Call provincial IT; the data stays safe on this desk.</source>
        <translation>Call provincial IT; the data stays safe on this desk.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="79"/>
        <source>Too much data for one transfer.</source>
        <translation>Too much data for one transfer.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="80"/>
        <location filename="../../desktop/sync_panel/sync_words.py" line="149"/>
        <source>Try again; if it keeps failing, call IT.</source>
        <translation>Try again; if it keeps failing, call IT.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="83"/>
        <source>The other workstation refused the pairing code.</source>
        <translation>The other workstation refused the pairing code.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="84"/>
        <source>Pair the two workstations again with a new code.</source>
        <translation>Pair the two workstations again with a new code.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="87"/>
        <source>The other side is not the one this desk was set up to sync with.</source>
        <translation>The other side is not the one this desk was set up to sync with.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="88"/>
        <source>Check the address in the settings, or call IT.</source>
        <translation>Check the address in the settings, or call IT.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="91"/>
        <source>Damaged data arrived during the sync; it was not used.</source>
        <translation>Damaged data arrived during the sync; it was not used.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="92"/>
        <source>Press Sync now again; if it happens again, call IT.</source>
        <translation>Press Sync now again; if it happens again, call IT.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="95"/>
        <source>The other side refused the sync.</source>
        <translation>The other side refused the sync.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="96"/>
        <source>Call IT and tell them the time of this message.</source>
        <translation>Call IT and tell them the time of this message.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="100"/>
        <source>Changes from another desk were refused: they were not signed by the desk that made them. Nothing of them was kept.</source>
        <translation>Changes from another desk were refused: they were not signed by the desk that made them. Nothing of them was kept.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="103"/>
        <source>A desk may be writing under another desk&apos;s name: call IT.</source>
        <translation>A desk may be writing under another desk&apos;s name: call IT.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="107"/>
        <source>This file was changed after it was made, so it cannot be trusted. Nothing was imported.</source>
        <translation>This file was changed after it was made, so it cannot be trusted. Nothing was imported.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="109"/>
        <location filename="../../desktop/sync_panel/sync_words.py" line="147"/>
        <source>Ask the sender for a new file.</source>
        <translation>Ask the sender for a new file.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="113"/>
        <source>This file is incomplete (maybe the USB stick was pulled out). Nothing was imported.</source>
        <translation>This file is incomplete (maybe the USB stick was pulled out). Nothing was imported.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="115"/>
        <source>Copy the file to the USB stick again, and eject the stick before removing it.</source>
        <translation>Copy the file to the USB stick again, and eject the stick before removing it.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="118"/>
        <source>This file was made for another workstation. Nothing was imported.</source>
        <translation>This file was made for another workstation. Nothing was imported.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="119"/>
        <source>Ask the province for a file made for this workstation.</source>
        <translation>Ask the province for a file made for this workstation.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="122"/>
        <source>This file comes from a sender this desk does not know. Nothing was imported.</source>
        <translation>This file comes from a sender this desk does not know. Nothing was imported.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="123"/>
        <source>Ask provincial IT to set up the sender&apos;s keys on this workstation.</source>
        <translation>Ask provincial IT to set up the sender&apos;s keys on this workstation.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="126"/>
        <source>This is not a motcua sync file. Nothing was imported.</source>
        <translation>This is not a motcua sync file. Nothing was imported.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="127"/>
        <location filename="../../desktop/sync_panel/sync_words.py" line="131"/>
        <source>Choose the file the province exported for this desk.</source>
        <translation>Choose the file the province exported for this desk.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="130"/>
        <source>This file does not hold data for this desk. Nothing was imported.</source>
        <translation>This file does not hold data for this desk. Nothing was imported.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="134"/>
        <source>The province&apos;s keys are not set up on this workstation.</source>
        <translation>The province&apos;s keys are not set up on this workstation.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="135"/>
        <source>Ask provincial IT to set up the province&apos;s keys.</source>
        <translation>Ask provincial IT to set up the province&apos;s keys.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="138"/>
        <source>The file cannot be read or written.</source>
        <translation>The file cannot be read or written.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="139"/>
        <source>Check the USB stick (is it full or write-protected?) and try again.</source>
        <translation>Check the USB stick (is it full or write-protected?) and try again.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="146"/>
        <source>This sync file cannot be used. Nothing was imported.</source>
        <translation>This sync file cannot be used. Nothing was imported.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="149"/>
        <source>The sync could not finish.</source>
        <translation>The sync could not finish.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="154"/>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="157"/>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="160"/>
        <source>Syncing…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="163"/>
        <source>Checking the connection…</source>
        <translation>Checking the connection…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/sync_panel/sync_words.py" line="166"/>
        <source>Offline: the sync resumes by itself in %n second(s)</source>
        <translation>
            <numerusform>Offline: the sync resumes by itself in %n second</numerusform>
            <numerusform>Offline: the sync resumes by itself in %n seconds</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/sync_panel/sync_words.py" line="169"/>
        <source>The server is busy: the sync resumes by itself in %n second(s)</source>
        <translation>
            <numerusform>The server is busy: the sync resumes by itself in %n second</numerusform>
            <numerusform>The server is busy: the sync resumes by itself in %n seconds</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="172"/>
        <source>Last contact with the server: %1</source>
        <translation>Last contact with the server: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="175"/>
        <source>Sending the last changes to the province before closing…</source>
        <translation>Sending the last changes to the province before closing…</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="178"/>
        <source>Not connected to the provincial server</source>
        <translation>Not connected to the provincial server</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="181"/>
        <source>Sync problem</source>
        <translation>Sync problem</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/sync_panel/sync_words.py" line="184"/>
        <source>%n change(s) waiting</source>
        <translation>
            <numerusform>%n change waiting</numerusform>
            <numerusform>%n changes waiting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/sync_panel/sync_words.py" line="187"/>
        <source>%n scan(s) waiting (%1)</source>
        <translation>
            <numerusform>%n scan waiting (%1)</numerusform>
            <numerusform>%n scans waiting (%1)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="190"/>
        <source>Last sync: %1</source>
        <translation>Last sync: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="193"/>
        <source>Never synced</source>
        <translation>Never synced</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="197"/>
        <source>This file was already imported: nothing new.</source>
        <translation>This file was already imported: nothing new.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/sync_panel/sync_words.py" line="198"/>
        <source>%n change(s) imported.</source>
        <translation>
            <numerusform>%n change imported.</numerusform>
            <numerusform>%n changes imported.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/sync_panel/sync_words.py" line="201"/>
        <source>%n change(s) written to the file.</source>
        <translation>
            <numerusform>%n change written to the file.</numerusform>
            <numerusform>%n changes written to the file.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/sync_panel/sync_words.py" line="204"/>
        <source>The province refused %n change(s): call IT.</source>
        <translation>
            <numerusform>The province refused %n change: call IT.</numerusform>
            <numerusform>The province refused %n changes: call IT.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="207"/>
        <source>The province&apos;s rules do not allow these changes; the desk&apos;s other changes were sent:</source>
        <translation>The province&apos;s rules do not allow these changes; the desk&apos;s other changes were sent:</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="212"/>
        <source>a value or status change the rules do not allow</source>
        <translation>a value or status change the rules do not allow</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="213"/>
        <source>a field only the province may set</source>
        <translation>a field only the province may set</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="214"/>
        <source>a change marked as the province&apos;s own</source>
        <translation>a change marked as the province&apos;s own</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="216"/>
        <source>refused by the province&apos;s rules</source>
        <translation>refused by the province&apos;s rules</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="220"/>
        <source>Sync finished: %1 sent, %2 received.</source>
        <translation>Sync finished: %1 sent, %2 received.</translation>
    </message>
</context>
<context>
    <name>TimelineModel</name>
    <message>
        <location filename="../../desktop/dossier_page/timeline_model.py" line="52"/>
        <source>Conflict resolved (%1)</source>
        <translation>Conflict resolved (%1)</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/timeline_model.py" line="114"/>
        <source>By the clock of the device that made the change</source>
        <translation>By the clock of the device that made the change</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/timeline_model.py" line="116"/>
        <source>In an open conflict: a person must decide</source>
        <translation>In an open conflict: a person must decide</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/timeline_model.py" line="130"/>
        <source>When (device clock)</source>
        <translation>When (device clock)</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/timeline_model.py" line="131"/>
        <source>Who</source>
        <translation>Who</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/timeline_model.py" line="132"/>
        <source>What changed</source>
        <translation>What changed</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/timeline_model.py" line="133"/>
        <source>Where</source>
        <translation>Where</translation>
    </message>
</context>
<context>
    <name>UnlockScreen</name>
    <message>
        <location filename="../../desktop/unlock_screen.py" line="135"/>
        <source>motcua: one-stop desk (locked)</source>
        <translation>motcua: one-stop desk (locked)</translation>
    </message>
    <message>
        <location filename="../../desktop/unlock_screen.py" line="136"/>
        <source>One-stop desk</source>
        <translation>One-stop desk</translation>
    </message>
    <message>
        <location filename="../../desktop/unlock_screen.py" line="138"/>
        <source>The desk is locked. Enter your login and passphrase to continue.</source>
        <translation>The desk is locked. Enter your login and passphrase to continue.</translation>
    </message>
    <message>
        <location filename="../../desktop/unlock_screen.py" line="140"/>
        <source>Choose another clerk&apos;s login and enter their passphrase.</source>
        <translation>Choose another clerk&apos;s login and enter their passphrase.</translation>
    </message>
    <message>
        <location filename="../../desktop/unlock_screen.py" line="142"/>
        <source>Enter your login and passphrase to open the desk.</source>
        <translation>Enter your login and passphrase to open the desk.</translation>
    </message>
    <message>
        <location filename="../../desktop/unlock_screen.py" line="144"/>
        <source>&amp;Login:</source>
        <translation>&amp;Login:</translation>
    </message>
    <message>
        <location filename="../../desktop/unlock_screen.py" line="145"/>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Passphrase:</translation>
    </message>
    <message>
        <location filename="../../desktop/unlock_screen.py" line="146"/>
        <source>&amp;Unlock</source>
        <translation>&amp;Unlock</translation>
    </message>
    <message>
        <location filename="../../desktop/unlock_screen.py" line="147"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../../desktop/unlock_screen.py" line="148"/>
        <source>P&amp;ractice</source>
        <translation>P&amp;ractice</translation>
    </message>
    <message>
        <location filename="../../desktop/unlock_screen.py" line="149"/>
        <source>Practice mode: learn the desk on made-up dossiers</source>
        <translation>Practice mode: learn the desk on made-up dossiers</translation>
    </message>
    <message>
        <location filename="../../desktop/unlock_screen.py" line="150"/>
        <source>Forgot the passphrase?</source>
        <translation>Forgot the passphrase?</translation>
    </message>
    <message>
        <location filename="../../desktop/unlock_screen.py" line="153"/>
        <source>Another clerk of this desk can log in and set a new passphrase for you. If every clerk has forgotten their passphrase, call provincial IT: with the province&apos;s recovery key they can open this workstation&apos;s data again and set a new passphrase (see &quot;Recover a workstation&quot; in the IT guide). Nothing is lost, but it needs IT; nobody at the commune can bypass the passphrase. Repeated wrong tries make the desk wait a little longer each time.</source>
        <translation>Another clerk of this desk can log in and set a new passphrase for you. If every clerk has forgotten their passphrase, call provincial IT: with the province&apos;s recovery key they can open this workstation&apos;s data again and set a new passphrase (see &quot;Recover a workstation&quot; in the IT guide). Nothing is lost, but it needs IT; nobody at the commune can bypass the passphrase. Repeated wrong tries make the desk wait a little longer each time.</translation>
    </message>
    <message>
        <location filename="../../desktop/unlock_screen.py" line="174"/>
        <source>Wrong login or passphrase. Check the keyboard language and Caps Lock, then try again.</source>
        <translation>Wrong login or passphrase. Check the keyboard language and Caps Lock, then try again.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/unlock_screen.py" line="177"/>
        <source>You can try again in %n seconds.</source>
        <translation>
            <numerusform>You can try again in %n second.</numerusform>
            <numerusform>You can try again in %n seconds.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/unlock_screen.py" line="179"/>
        <source>Too many wrong tries. Try again in %n seconds.</source>
        <translation>
            <numerusform>Too many wrong tries. Try again in %n second.</numerusform>
            <numerusform>Too many wrong tries. Try again in %n seconds.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/unlock_screen.py" line="181"/>
        <source>Enter your login and passphrase.</source>
        <translation>Enter your login and passphrase.</translation>
    </message>
    <message>
        <location filename="../../desktop/unlock_screen.py" line="184"/>
        <source>The desk&apos;s data on this computer is damaged and cannot be opened. It has been left exactly as it was: nothing was changed or deleted. Call IT: they can put the data back from a backup (error: %1).</source>
        <translation>The desk&apos;s data on this computer is damaged and cannot be opened. It has been left exactly as it was: nothing was changed or deleted. Call IT: they can put the data back from a backup (error: %1).</translation>
    </message>
    <message>
        <location filename="../../desktop/unlock_screen.py" line="189"/>
        <source>The desk&apos;s data could not be opened. Ask IT for help (error: %1).</source>
        <translation>The desk&apos;s data could not be opened. Ask IT for help (error: %1).</translation>
    </message>
    <message>
        <location filename="../../desktop/unlock_screen.py" line="260"/>
        <source>Checking…</source>
        <translation>Checking…</translation>
    </message>
</context>
<context>
    <name>UpdatesDialog</name>
    <message>
        <location filename="../../desktop/updates_dialog.py" line="90"/>
        <source>In use: %1</source>
        <translation>In use: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/updates_dialog.py" line="90"/>
        <source>as installed</source>
        <translation>as installed</translation>
    </message>
    <message>
        <location filename="../../desktop/updates_dialog.py" line="94"/>
        <source>Version %1 has arrived: it is used from the next start.</source>
        <translation>Version %1 has arrived: it is used from the next start.</translation>
    </message>
    <message>
        <location filename="../../desktop/updates_dialog.py" line="99"/>
        <source>Kept to go back to: %1</source>
        <translation>Kept to go back to: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/updates_dialog.py" line="114"/>
        <source>the version installed</source>
        <translation>the version installed</translation>
    </message>
    <message>
        <location filename="../../desktop/updates_dialog.py" line="117"/>
        <source>Done: %1 is used from the next start of motcua. Close motcua and open it again.</source>
        <translation>Done: %1 is used from the next start of motcua. Close motcua and open it again.</translation>
    </message>
    <message>
        <location filename="../../desktop/updates_dialog.py" line="125"/>
        <source>Import an update</source>
        <translation>Import an update</translation>
    </message>
    <message>
        <location filename="../../desktop/updates_dialog.py" line="125"/>
        <source>motcua update files (*.tar);;All files (*)</source>
        <translation>motcua update files (*.tar);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/updates_dialog.py" line="130"/>
        <source>Checking the file…</source>
        <translation>Checking the file…</translation>
    </message>
    <message>
        <location filename="../../desktop/updates_dialog.py" line="143"/>
        <source>The update %1 is checked and kept: it is used from the next start.</source>
        <translation>The update %1 is checked and kept: it is used from the next start.</translation>
    </message>
    <message>
        <location filename="../../desktop/updates_dialog.py" line="148"/>
        <source>This desk already has everything the file holds.</source>
        <translation>This desk already has everything the file holds.</translation>
    </message>
    <message>
        <location filename="../../desktop/updates_dialog.py" line="156"/>
        <source>This update was refused: its list of communes is not valid or does not hold this desk&apos;s commune. Nothing was changed. Tell IT.</source>
        <translation>This update was refused: its list of communes is not valid or does not hold this desk&apos;s commune. Nothing was changed. Tell IT.</translation>
    </message>
    <message>
        <location filename="../../desktop/updates_dialog.py" line="163"/>
        <source>This file was refused: it is not a genuine update from the province, or it is damaged. Nothing was changed.</source>
        <translation>This file was refused: it is not a genuine update from the province, or it is damaged. Nothing was changed.</translation>
    </message>
    <message>
        <location filename="../../desktop/updates_dialog.py" line="168"/>
        <source>The file could not be read. Nothing was changed.</source>
        <translation>The file could not be read. Nothing was changed.</translation>
    </message>
    <message>
        <location filename="../../desktop/updates_dialog.py" line="176"/>
        <source>Versions and updates</source>
        <translation>Versions and updates</translation>
    </message>
    <message>
        <location filename="../../desktop/updates_dialog.py" line="177"/>
        <source>The motcua program</source>
        <translation>The motcua program</translation>
    </message>
    <message>
        <location filename="../../desktop/updates_dialog.py" line="178"/>
        <source>Reference data (form templates, procedures, communes)</source>
        <translation>Reference data (form templates, procedures, communes)</translation>
    </message>
    <message>
        <location filename="../../desktop/updates_dialog.py" line="180"/>
        <source>Return to the previous version</source>
        <translation>Return to the previous version</translation>
    </message>
    <message>
        <location filename="../../desktop/updates_dialog.py" line="181"/>
        <source>Import an update file (USB stick)…</source>
        <translation>Import an update file (USB stick)…</translation>
    </message>
</context>
</TS>
