package dev.hourglass.agent.weaving;

import java.util.List;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.jar.asm.ClassReader;

/**
 * A class's name and its direct super types' names, in internal form ({@code java/sql/Statement}):
 * all that {@link SuperTypeIndex} needs of a class file.
 */
record ClassHeader(String name, String superName, List<String> interfaces) {

  /** Reads the header of a class file; only its constant pool and header are parsed. */
  static ClassHeader of(byte[] classFile) {
    ClassReader reader = new ClassReader(classFile);
    return new ClassHeader(
        reader.getClassName(), reader.getSuperName(), List.of(reader.getInterfaces()));
  }

  static ClassHeader of(TypeDescription type) {
    TypeDescription.Generic superClass = type.getSuperClass();
    return new ClassHeader(
        type.getInternalName(),
        superClass == null ? null : superClass.asErasure().getInternalName(),
        type.getInterfaces().asErasures().stream().map(TypeDescription::getInternalName).toList());
  }
}
