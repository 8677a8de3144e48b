// The passing rule is reported as ok, both violations are listed, and the build failed on them.
def log = new File(basedir, 'build.log').text
assert log.contains('polyret:check ok: polyret-demo monolingual map') || log.contains('polyret:check ok: eval monolingual map')
assert log.contains('2 of 3 checks failed')
assert log.contains('multilingual map (macro average)') && log.contains('< minimum 0.9000')
assert log.contains('> maximum 10.0000')
assert log.contains('BUILD FAILURE')
return true
