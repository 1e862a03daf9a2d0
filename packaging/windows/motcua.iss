; Inno Setup script for motcua (Windows x64). Build the one-folder package first (see README.md here):
;   py -3.11 -m PyInstaller --noconfirm --clean --distpath dist --workpath build\pyinstaller packaging\motcua.spec
; then compile this script:
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" /DMyAppVersion=0.1.0 packaging\windows\motcua.iss
; The installer is written to dist\motcua-<version>-windows-x64-setup.exe.

#ifndef MyAppVersion
  #define MyAppVersion "0.1.0"
#endif
#define MyAppName "motcua"
#define MyAppPublisher "motcua"
#define MyAppExeName "motcua.exe"
#define SourceDir "..\..\dist\motcua"

[Setup]
; Keep this AppId for every version: it is how updates find the installed copy.
AppId={{6B0F3C52-8E1A-4C1B-9F7E-2D5A4C9E6A11}
AppName={#MyAppName}
AppVersion={#MyAppVersion}
AppPublisher={#MyAppPublisher}
AppVerName={#MyAppName} {#MyAppVersion}
DefaultDirName={autopf}\motcua
DefaultGroupName=motcua
DisableProgramGroupPage=yes
OutputDir=..\..\dist
OutputBaseFilename=motcua-{#MyAppVersion}-windows-x64-setup
Compression=lzma2/max
SolidCompression=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequired=admin
WizardStyle=modern
UninstallDisplayIcon={app}\{#MyAppExeName}
; The encrypted store lives in each user's %LOCALAPPDATA%\motcua\motcua (moved there from the roaming
; %APPDATA% at the first start of 0.2), never under {app}: updates and uninstalls do not touch it.
CloseApplications=yes

[Languages]
Name: "vietnamese"; MessagesFile: "compiler:Languages\Vietnamese.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
; Replace the whole program folder on update, so no file of an older version stays behind.
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{group}\motcua"; Filename: "{app}\{#MyAppExeName}"
Name: "{group}\motcua (IT: self-test)"; Filename: "{cmd}"; Parameters: "/k ""{app}\motcua-cli.exe"" self-test"
Name: "{autodesktop}\motcua"; Filename: "{app}\{#MyAppExeName}"; Tasks: desktopicon

[Run]
; The self-test runs in [Code] below (its exit status decides); the program starts only if it passed.
Filename: "{app}\{#MyAppExeName}"; Description: "{cm:LaunchProgram,motcua}"; Flags: nowait postinstall skipifsilent; Check: SelfTestPassed

[Code]
// After the files are in place, run "motcua-cli.exe self-test" (offscreen: no window flashes up). A failed
// self-test stops the installation in words (a message box, or only the log and the exit code with /SILENT
// /SUPPRESSMSGBOXES): the setup then exits with code 20, so a mass deployment sees which PCs need a visit.
var
  SelfTestStatus: Integer;

function SelfTestPassed: Boolean;
begin
  Result := SelfTestStatus = 0;
end;

procedure CurStepChanged(CurStep: TSetupStep);
var
  ResultCode: Integer;
begin
  if CurStep <> ssPostInstall then
    exit;
  SelfTestStatus := -1;
  WizardForm.StatusLabel.Caption := 'Checking the installation (self-test)...';
  if Exec(ExpandConstant('{app}\motcua-cli.exe'), 'self-test', '',
          SW_HIDE, ewWaitUntilTerminated, ResultCode) then
    SelfTestStatus := ResultCode;
  Log(Format('motcua self-test exit status: %d', [SelfTestStatus]));
  if SelfTestStatus <> 0 then
    SuppressibleMsgBox(
      'motcua is installed but its self-test failed (status ' + IntToStr(SelfTestStatus) + '). ' +
      'Do not use this PC as a desk yet: run "motcua-cli.exe self-test" in a Command Prompt and send its output to ' +
      'the province''s IT team.' + #13#10#13#10 +
      'motcua đã được cài nhưng bước tự kiểm tra bị lỗi. Chưa dùng máy này làm bàn tiếp nhận: chạy ' +
      '"motcua-cli.exe self-test" trong Command Prompt và gửi kết quả cho bộ phận CNTT của tỉnh.',
      mbCriticalError, MB_OK, IDOK);
end;

function GetCustomSetupExitCode: Integer;
begin
  if SelfTestStatus <> 0 then
    Result := 20
  else
    Result := 0;
end;

[UninstallDelete]
Type: filesandordirs; Name: "{app}\_internal"
